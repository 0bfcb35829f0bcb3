//! The shell pane's pseudo-terminal, TUI side: the master end, a reader thread that feeds
//! the shell's output to the pane's emulator (and answers what the program asks its
//! terminal), and a writer thread with a queue, so a slow shell or a 100 KB paste never
//! blocks the drawing thread and output keeps being read while input is written.
//! The slave end goes to the lab (see `worker`), which starts the shell on it.

use crate::app::Msg;
use crate::app::shell::Screen;
use nix::fcntl::{FcntlArg, OFlag, fcntl};
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use std::os::fd::{AsFd, OwnedFd};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;

/// The pane's pty and its two threads. Dropping it stops the threads and closes the
/// master: the shell's terminal hangs up.
pub struct Pty {
    master: Arc<OwnedFd>,
    slave: OwnedFd,
    size: (u16, u16),
    screen: Screen,
    input: Option<Sender<Vec<u8>>>,
    /// Set while a `ShellOutput` message is on its way, so a flood of output costs one
    /// message per frame, not one per read.
    pending: Arc<AtomicBool>,
    /// Written (then closed) to stop the reader.
    stop: Option<OwnedFd>,
    threads: Vec<JoinHandle<()>>,
}

impl Pty {
    /// A pty of `rows` x `cols` whose output feeds `screen`; `notify` hears when it did.
    pub fn open(screen: Screen, rows: u16, cols: u16, notify: Sender<Msg>) -> std::io::Result<Pty> {
        let size = winsize(rows, cols);
        let pair = nix::pty::openpty(Some(&size), None)?;
        for fd in [&pair.master, &pair.slave] {
            fcntl(fd, FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC))?;
        }
        fcntl(&pair.master, FcntlArg::F_SETFL(OFlag::O_NONBLOCK))?;
        screen.lock().screen_mut().set_size(rows, cols);
        let master = Arc::new(pair.master);
        let (stop_read, stop_write) = nix::unistd::pipe2(OFlag::O_CLOEXEC)?;
        let (input, queue) = mpsc::channel::<Vec<u8>>();
        let pending = Arc::new(AtomicBool::new(false));

        let writer = {
            let master = master.clone();
            std::thread::Builder::new()
                .name("pidns-pty-in".into())
                .spawn(move || {
                    for bytes in queue {
                        if write_all(&master, &bytes).is_err() {
                            break;
                        }
                    }
                })?
        };
        let reader = {
            let (master, screen, pending, answers) = (
                master.clone(),
                screen.clone(),
                pending.clone(),
                input.clone(),
            );
            std::thread::Builder::new()
                .name("pidns-pty-out".into())
                .spawn(move || {
                    read_output(&master, &stop_read, &screen, &pending, &answers, &notify)
                })?
        };
        Ok(Pty {
            master,
            slave: pair.slave,
            size: (rows, cols),
            screen,
            input: Some(input),
            pending,
            stop: Some(stop_write),
            threads: vec![writer, reader],
        })
    }

    /// A copy of the slave end, for the lab to start a shell on.
    pub fn slave(&self) -> std::io::Result<OwnedFd> {
        self.slave.try_clone()
    }

    /// Queues bytes for the shell; never blocks.
    pub fn write(&self, bytes: Vec<u8>) {
        if let Some(input) = &self.input {
            let _ = input.send(bytes);
        }
    }

    /// The frame that showed the last output has been drawn: the next output may notify.
    pub fn drawn(&self) {
        self.pending.store(false, Ordering::SeqCst);
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// New size: the kernel tells the shell (SIGWINCH), the emulator reflows.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        if (rows, cols) == self.size || rows == 0 || cols == 0 {
            return;
        }
        let size = rustix::termios::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // A pty that is gone takes no size; the reader thread will say so.
        let _ = rustix::termios::tcsetwinsize(&*self.master, size);
        self.screen.lock().screen_mut().set_size(rows, cols);
        self.size = (rows, cols);
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        self.input = None;
        if let Some(stop) = self.stop.take() {
            let _ = nix::unistd::write(&stop, b"x");
        }
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

fn winsize(rows: u16, cols: u16) -> libc::winsize {
    libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

/// Writes all of `bytes` to the non-blocking master, waiting for room when the shell is
/// slow to read. Errors end the writer (the pty is gone).
fn write_all(master: &OwnedFd, mut bytes: &[u8]) -> nix::Result<()> {
    while !bytes.is_empty() {
        match nix::unistd::write(master, bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(nix::errno::Errno::EAGAIN) => {
                let mut fds = [PollFd::new(master.as_fd(), PollFlags::POLLOUT)];
                // A second at most, then try again: the reader may have hung up meanwhile.
                poll(&mut fds, PollTimeout::from(1000u16))?;
            }
            Err(nix::errno::Errno::EINTR) => {}
            Err(errno) => return Err(errno),
        }
    }
    Ok(())
}

/// The reader: output into the emulator, answers back to the shell, one message to the
/// main loop per frame. Ends when told to stop or when the pty has nobody left on the
/// slave side for good.
fn read_output(
    master: &OwnedFd,
    stop: &OwnedFd,
    screen: &Screen,
    pending: &AtomicBool,
    answers: &Sender<Vec<u8>>,
    notify: &Sender<Msg>,
) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let mut fds = [
            PollFd::new(master.as_fd(), PollFlags::POLLIN),
            PollFd::new(stop.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return,
        }
        if fds[1].any().unwrap_or(true) {
            return;
        }
        let hung_up = fds[0]
            .revents()
            .is_some_and(|r| r.intersects(PollFlags::POLLHUP | PollFlags::POLLERR));
        match nix::unistd::read(master, &mut buf) {
            Ok(n) if n > 0 => {
                let mut emulator = screen.lock();
                emulator.process(&buf[..n]);
                let owed = std::mem::take(&mut emulator.callbacks_mut().owed);
                drop(emulator);
                if !owed.is_empty() {
                    let _ = answers.send(owed);
                }
                if !pending.swap(true, Ordering::SeqCst) && notify.send(Msg::ShellOutput).is_err() {
                    return;
                }
            }
            Err(nix::errno::Errno::EAGAIN | nix::errno::Errno::EINTR) => {}
            // EIO: no slave is open. The pane keeps one (for the next shell), so this is
            // the end; wait for the stop rather than spin on a hung-up descriptor.
            _ if hung_up => {
                let mut fds = [PollFd::new(stop.as_fd(), PollFlags::POLLIN)];
                let _ = poll(&mut fds, PollTimeout::NONE);
                return;
            }
            _ => {}
        }
    }
}
