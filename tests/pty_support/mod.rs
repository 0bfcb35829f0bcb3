//! A program in a pseudo-terminal of our own (portable-pty), its screen kept by a
//! terminal emulator (vt100), for tests and benchmarks that need no tmux: keys in, screen
//! text out, and the moment the screen last changed.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The screen and a count of the updates it has had.
struct Shared {
    parser: vt100::Parser,
    updates: u64,
    ended: bool,
}

pub struct Term {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    shared: Arc<(Mutex<Shared>, Condvar)>,
}

impl Term {
    /// Runs `program` with `args` in a `cols` x `rows` terminal, in `/`, with `env` added.
    pub fn spawn(program: &str, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.cwd("/");
        command.env("TERM", "xterm-256color");
        // Neither resume from nor write the learner's saved step.
        command.env("NO_PROGRESS", "1");
        for (k, v) in env {
            command.env(k, v);
        }
        let child = pair.slave.spawn_command(command).expect("spawn in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let shared = Arc::new((
            Mutex::new(Shared {
                parser: vt100::Parser::new(rows, cols, 0),
                updates: 0,
                ended: false,
            }),
            Condvar::new(),
        ));
        let feed = shared.clone();
        // The master must outlive the reader; it moves into the thread with it.
        let master = pair.master;
        std::thread::spawn(move || {
            let _master = master;
            let mut buf = [0u8; 65536];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, changed) = &*feed;
                let mut shared = lock.lock().unwrap_or_else(|p| p.into_inner());
                if n == 0 {
                    shared.ended = true;
                    changed.notify_all();
                    return;
                }
                shared.parser.process(&buf[..n]);
                shared.updates += 1;
                changed.notify_all();
            }
        });
        Term {
            child,
            writer,
            shared,
        }
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().map_or(0, |p| p as i32)
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    pub fn text(&self) -> String {
        let (lock, _) = &*self.shared;
        let shared = lock.lock().unwrap_or_else(|p| p.into_inner());
        shared.parser.screen().contents()
    }

    /// Whether the program left the alternate screen and shows the cursor again.
    pub fn restored(&self) -> bool {
        let (lock, _) = &*self.shared;
        let shared = lock.lock().unwrap_or_else(|p| p.into_inner());
        let screen = shared.parser.screen();
        !screen.alternate_screen() && !screen.hide_cursor()
    }

    /// Waits (up to `limit`) until the screen satisfies `ok`; the screen and the moment it
    /// first did, or `None` on time out.
    pub fn until(&self, limit: Duration, ok: impl Fn(&str) -> bool) -> Option<(String, Instant)> {
        let deadline = Instant::now() + limit;
        let (lock, changed) = &*self.shared;
        let mut shared = lock.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let text = shared.parser.screen().contents();
            if ok(&text) {
                return Some((text, Instant::now()));
            }
            let now = Instant::now();
            if now >= deadline || shared.ended {
                return None;
            }
            shared = changed
                .wait_timeout(shared, deadline - now)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Like `until`, panicking with the screen on time out.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        match self.until(Duration::from_secs(20), ok) {
            Some((text, _)) => text,
            None => panic!("timed out waiting for {what}; the screen:\n{}", self.text()),
        }
    }

    /// The exit code, waiting up to `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<u32> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status.exit_code());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
