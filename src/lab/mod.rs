//! The live namespace: host side (Lab), the agent inside, and their protocol.
