//! The shell pane's state: the terminal emulator's screen (fed by the runtime's pty
//! reader, drawn by the ui), whether the pane has the keyboard, which shell runs in it,
//! and which lab members are new since the last look. No I/O: keys become bytes for
//! the runtime to write (`Effect::ShellInput`). Where the pane is comes from the last
//! frame's `Geometry`, as for every pane.
//!
//! While the pane has the focus every key goes to the shell, Ctrl-C included; `Ctrl-]`
//! (the telnet and virsh console key) gives the keyboard back to the lesson.

use super::{App, Effect, Modal, Views};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::Position;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long a process that just appeared in the lab is marked as new.
pub const NEW_FOR: Duration = Duration::from_secs(3);

/// Lines of output the pane keeps for scrolling back.
pub const SCROLLBACK: usize = 5000;

/// The terminal emulator behind the pane.
pub type Emulator = vt100::Parser<TerminalReplies>;

/// The pane's screen, shared between the pty reader (which feeds it) and the drawing.
#[derive(Clone)]
pub struct Screen(Arc<Mutex<Emulator>>);

impl Screen {
    pub fn new(rows: u16, cols: u16) -> Screen {
        let parser =
            vt100::Parser::new_with_callbacks(rows, cols, SCROLLBACK, TerminalReplies::default());
        Screen(Arc::new(Mutex::new(parser)))
    }

    /// The emulator. A panic while it was held leaves it usable: it is only a screen.
    pub fn lock(&self) -> MutexGuard<'_, Emulator> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl PartialEq for Screen {
    fn eq(&self, other: &Screen) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Screen {}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (rows, cols) = self.lock().screen().size();
        write!(f, "Screen({rows}x{cols})")
    }
}

/// What the emulator owes the program in it: answers to the questions a program may ask
/// its terminal (where is the cursor, what are you), which the `vt100` crate hands to us
/// unanswered. The pty reader writes them back to the shell.
#[derive(Default)]
pub struct TerminalReplies {
    pub owed: Vec<u8>,
}

impl vt100::Callbacks for TerminalReplies {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied().unwrap_or(0);
        match (i1, c, first) {
            // Device status: "OK", and the cursor position report (1-based).
            (None, 'n', 5) => self.owed.extend_from_slice(b"\x1b[0n"),
            (None, 'n', 6) => {
                let (row, col) = screen.cursor_position();
                let report = format!("\x1b[{};{}R", row + 1, col + 1);
                self.owed.extend_from_slice(report.as_bytes());
            }
            // Primary and secondary device attributes: a VT220-ish xterm.
            (None, 'c', 0) => self.owed.extend_from_slice(b"\x1b[?62;22c"),
            (Some(b'>'), 'c', 0) => self.owed.extend_from_slice(b"\x1b[>0;10;0c"),
            _ => {}
        }
    }
}

/// The learner's shell as the lab reported it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellInfo {
    pub host_pid: i32,
    /// What `echo $$` prints in it.
    pub ns_pid: i32,
    pub program: String,
}

/// Why a pane's shell is no longer there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShellEnd {
    /// It exited by itself (`exit`): the pane closes.
    Exited(i32),
    /// A signal ended it (the namespace's init died, say).
    Killed(i32),
    /// The lab's namespace is gone, and no step needs a new one yet.
    NoLab,
    /// It could not start (no shell program, a check failed); the message says why.
    Failed(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShellState {
    Starting,
    Running(ShellInfo),
    Ended(ShellEnd),
}

/// The shell pane.
#[derive(Debug)]
pub struct ShellPane {
    pub screen: Screen,
    pub state: ShellState,
    /// The lab was rebuilt for a step, and this is a new shell in the new namespace
    /// (shown until the next key).
    pub restarted: bool,
    /// Host PIDs of lab members that appeared since the pane opened, new until then.
    pub born: Vec<(i32, Instant)>,
}

impl ShellPane {
    pub fn info(&self) -> Option<&ShellInfo> {
        match &self.state {
            ShellState::Running(info) => Some(info),
            _ => None,
        }
    }
}

impl App {
    /// The learner's shell, while one runs in the pane.
    pub fn shell_info(&self) -> Option<&ShellInfo> {
        self.shell.as_ref().and_then(ShellPane::info)
    }

    /// Whether keys go to the shell: the pane is open and its mode is on top.
    pub fn shell_focused(&self) -> bool {
        self.shell.is_some() && self.modals.top() == Some(&Modal::Shell)
    }

    pub fn is_new(&self, host_pid: i32, now: Instant) -> bool {
        self.shell.as_ref().is_some_and(|s| {
            s.born
                .iter()
                .any(|&(pid, until)| pid == host_pid && until > now)
        })
    }
}

/// `s`: opens the pane and starts a shell, or gives the open pane the keyboard (starting
/// a new shell in it if the last one ended).
pub fn open(app: &mut App) -> Vec<Effect> {
    app.dirty = true;
    app.modals.open(Modal::Shell);
    if let Some(shell) = app.shell.as_mut() {
        if let ShellState::Ended(_) = shell.state {
            shell.state = ShellState::Starting;
            return vec![Effect::StartShell];
        }
        return Vec::new();
    }
    let screen = Screen::new(24, 80);
    app.shell = Some(ShellPane {
        screen: screen.clone(),
        state: ShellState::Starting,
        restarted: false,
        born: Vec::new(),
    });
    vec![Effect::OpenShell(screen)]
}

/// Closes the pane (its shell has ended, or the learner closed it).
pub fn close(app: &mut App, now: Instant) -> Vec<Effect> {
    app.dirty = true;
    app.modals.close(|m| *m == Modal::Shell);
    app.leave_now(now);
    match app.shell.take() {
        Some(_) => vec![Effect::CloseShell],
        None => Vec::new(),
    }
}

/// A key while the pane has the keyboard (`Modal::Shell` on top).
pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(shell) = app.shell.as_mut() else {
        app.modals.close(|m| *m == Modal::Shell);
        return Vec::new();
    };
    // Redraw only for what a key changes here itself (the echo comes from the shell).
    app.dirty |= std::mem::replace(&mut shell.restarted, false);
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // Ctrl-] is byte 0x1d, which terminals (and crossterm) also report as Ctrl-5.
    if ctrl && matches!(key.code, KeyCode::Char(']' | '5')) {
        app.modals.close(|m| *m == Modal::Shell);
        app.dirty = true;
        return Vec::new();
    }
    // A shell whose pane is drawn too small for its terminal gets no keys: typing blind
    // into a root shell is how things go wrong in front of a room. (Before the pane's
    // first frame, keys go on: they show as soon as it is drawn.)
    if !app.geometry.shell.is_empty() && app.geometry.shell_term.is_empty() {
        app.notice = Some(super::Notice::Info(
            crate::words::shell::HIDDEN.get(app.lang).to_string(),
        ));
        app.dirty = true;
        return Vec::new();
    }
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let page = i64::from(app.geometry.shell_term.height.max(2) / 2);
    match key.code {
        KeyCode::PageUp if shift => {
            app.dirty = true;
            return scroll(shell, page);
        }
        KeyCode::PageDown if shift => {
            app.dirty = true;
            return scroll(shell, -page);
        }
        _ => {}
    }
    let mut emulator = shell.screen.lock();
    let cursor_keys = emulator.screen().application_cursor();
    if emulator.screen().scrollback() > 0 {
        emulator.screen_mut().set_scrollback(0);
        app.dirty = true;
    }
    drop(emulator);
    encode(key, cursor_keys).map_or_else(Vec::new, |bytes| vec![Effect::ShellInput(bytes)])
}

/// Text pasted into the terminal: to the shell when the pane has the focus, bracketed
/// when the program in it asked for that (so a shell does not run it line by line).
pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    if !app.shell_focused() {
        return Vec::new();
    }
    let Some(shell) = app.shell.as_mut() else {
        return Vec::new();
    };
    let mut emulator = shell.screen.lock();
    let bracketed = emulator.screen().bracketed_paste();
    emulator.screen_mut().set_scrollback(0);
    drop(emulator);
    let mut bytes = Vec::with_capacity(text.len() + 12);
    if bracketed {
        bytes.extend_from_slice(b"\x1b[200~");
    }
    // A terminal sends a pasted line break as Enter does.
    bytes.extend(text.bytes().map(|b| if b == b'\n' { b'\r' } else { b }));
    if bracketed {
        bytes.extend_from_slice(b"\x1b[201~");
    }
    app.dirty = true;
    vec![Effect::ShellInput(bytes)]
}

/// The mouse over the pane: a click gives it the keyboard (a click elsewhere takes it
/// away), the wheel scrolls back, or goes to a full-screen program as arrow keys, or as
/// the mouse reports it asked for. `None` when the lesson's panes should handle it.
pub fn mouse(app: &mut App, mouse: MouseEvent) -> Option<Vec<Effect>> {
    let shell = app.shell.as_mut()?;
    let (pane, term) = (app.geometry.shell, app.geometry.shell_term);
    let at = Position::new(mouse.column, mouse.row);
    if !pane.contains(at) {
        if matches!(mouse.kind, MouseEventKind::Down(_)) {
            app.modals.close(|m| *m == Modal::Shell);
            app.dirty = true;
        }
        return None;
    }
    app.dirty = true;
    let up = match mouse.kind {
        MouseEventKind::ScrollUp => true,
        MouseEventKind::ScrollDown => false,
        MouseEventKind::Down(_) => {
            if matches!(shell.state, ShellState::Ended(_)) {
                app.modals.close(|m| *m == Modal::Shell);
            } else {
                app.modals.open(Modal::Shell);
            }
            return Some(Vec::new());
        }
        _ => return Some(Vec::new()),
    };
    let emulator = shell.screen.lock();
    let screen = emulator.screen();
    let reports = screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None
        && screen.mouse_protocol_encoding() == vt100::MouseProtocolEncoding::Sgr;
    let (full_screen, cursor_keys) = (screen.alternate_screen(), screen.application_cursor());
    drop(emulator);
    if reports && term.contains(at) {
        let (col, row) = (at.x - term.x + 1, at.y - term.y + 1);
        let button = if up { 64 } else { 65 };
        let bytes = format!("\x1b[<{button};{col};{row}M").into_bytes();
        return Some(vec![Effect::ShellInput(bytes)]);
    }
    if full_screen {
        let arrow = KeyEvent::new(
            if up { KeyCode::Up } else { KeyCode::Down },
            KeyModifiers::NONE,
        );
        let bytes = encode(arrow, cursor_keys).unwrap_or_default().repeat(3);
        return Some(vec![Effect::ShellInput(bytes)]);
    }
    Some(scroll(shell, if up { 3 } else { -3 }))
}

/// Scrolls the pane back (`by` > 0) or forward, by lines.
fn scroll(shell: &mut ShellPane, by: i64) -> Vec<Effect> {
    let mut emulator = shell.screen.lock();
    let now = emulator.screen().scrollback() as i64;
    let next = (now + by).max(0) as usize;
    emulator.screen_mut().set_scrollback(next);
    Vec::new()
}

/// The bytes a terminal sends for `key` (xterm's encoding, through `terminput`). With
/// `cursor_keys` (DECCKM, asked for by less, vi and the like) plain arrows, Home and End
/// are sent as SS3 sequences, as xterm does.
pub fn encode(key: KeyEvent, cursor_keys: bool) -> Option<Vec<u8>> {
    let event = terminput_crossterm::to_terminput_key(key).ok()?;
    let mut buf = [0u8; 32];
    match terminput::Event::Key(event).encode(&mut buf, terminput::Encoding::Xterm) {
        Ok(n) => {
            let mut bytes = buf[..n].to_vec();
            if cursor_keys
                && bytes.len() == 3
                && bytes.starts_with(b"\x1b[")
                && let Some(b'A'..=b'D' | b'H' | b'F') = bytes.last()
            {
                bytes[1] = b'O';
            }
            Some(bytes)
        }
        // Control characters terminput leaves out (Ctrl-@, Ctrl-[, Ctrl-\, Ctrl-^, Ctrl-_).
        Err(_) => match key.code {
            KeyCode::Char(c)
                if key.modifiers.contains(KeyModifiers::CONTROL)
                    && ('@'..='_').contains(&c.to_ascii_uppercase()) =>
            {
                Some(vec![c.to_ascii_uppercase() as u8 & 0x1f])
            }
            _ => None,
        },
    }
}

/// A worker reply about the shell.
pub fn started(app: &mut App, info: ShellInfo, restarted: bool) {
    if let Some(shell) = app.shell.as_mut() {
        shell.state = ShellState::Running(info);
        shell.restarted = restarted;
    }
}

/// The shell ended: `exit` closes the pane; anything else leaves it open to say why.
pub fn ended(app: &mut App, end: ShellEnd, now: Instant) -> Vec<Effect> {
    if let ShellEnd::Exited(_) = end {
        return close(app, now);
    }
    app.modals.close(|m| *m == Modal::Shell);
    if let Some(shell) = app.shell.as_mut() {
        shell.restarted = false;
        shell.state = ShellState::Ended(end);
    }
    Vec::new()
}

/// New tree views: lab members that were not there before are new for a moment.
pub fn note_views(app: &mut App, views: &Views, now: Instant) {
    let Some(shell) = app.shell.as_mut() else {
        return;
    };
    shell.born.retain(|&(_, until)| until > now);
    let (Some(old), Some(new), Some(ns)) = (&app.views.host, &views.host, views.lab_ns) else {
        return;
    };
    if app.views.lab_ns != Some(ns) {
        return;
    }
    for p in new.procs.iter().filter(|p| p.pidns == Some(ns)) {
        if old.get(p.pid).is_none() {
            shell.born.push((p.pid, now + NEW_FOR));
        }
    }
}

/// When the next "new" mark fades.
pub fn next_deadline(app: &App) -> Option<Instant> {
    app.shell
        .as_ref()
        .and_then(|s| s.born.iter().map(|&(_, until)| until).min())
}

/// Time passed: drops faded marks; true if any did.
pub fn tick(app: &mut App, now: Instant) -> bool {
    let Some(shell) = app.shell.as_mut() else {
        return false;
    };
    let before = shell.born.len();
    shell.born.retain(|&(_, until)| until > now);
    shell.born.len() != before
}

#[cfg(test)]
mod tests {
    use super::encode;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Vec<u8> {
        encode(KeyEvent::new(code, modifiers), false).unwrap_or_default()
    }

    #[test]
    fn keys_become_what_a_terminal_sends() {
        assert_eq!(key(KeyCode::Char('a'), KeyModifiers::NONE), b"a");
        assert_eq!(key(KeyCode::Char('c'), KeyModifiers::CONTROL), [3]);
        assert_eq!(key(KeyCode::Char('d'), KeyModifiers::CONTROL), [4]);
        assert_eq!(key(KeyCode::Enter, KeyModifiers::NONE), b"\r");
        assert_eq!(key(KeyCode::Backspace, KeyModifiers::NONE), [0x7f]);
        assert_eq!(key(KeyCode::Up, KeyModifiers::NONE), b"\x1b[A");
        assert_eq!(key(KeyCode::Char('b'), KeyModifiers::ALT), b"\x1bb");
        assert_eq!(key(KeyCode::Char('['), KeyModifiers::CONTROL), [0x1b]);
        assert_eq!(
            key(KeyCode::Char('한'), KeyModifiers::NONE),
            "한".as_bytes()
        );
        let arrow = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(encode(arrow, true).unwrap_or_default(), b"\x1bOA");
    }
}
