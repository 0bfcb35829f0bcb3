//! `--theme auto` under a terminal that answers OSC 11 with a white background, and no
//! COLORFGBG: the light theme. The test is the terminal: it reads the tutor's query from
//! the pty and answers it as xterm would (then DA1), and looks at the colour the step's
//! title is drawn in. A recording, so no namespace is needed.

use pidns_tutor::lesson::Step;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const EXE: &str = env!("CARGO_BIN_EXE_pidns-tutor");

/// The title's colour, as the tutor draws it after the terminal answered `answer`.
fn title_colour(answer: &'static [u8]) -> vt100::Color {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 36,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut command = CommandBuilder::new(EXE);
    command.args(["--lang", "en", "--replay", "--theme", "auto"]);
    command.cwd("/");
    command.env("TERM", "xterm-256color");
    command.env("NO_PROGRESS", "1");
    command.env_remove("COLORFGBG");
    command.env_remove("NO_COLOR");
    let mut child = pair.slave.spawn_command(command).expect("spawn in the pty");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(36, 120, 0);
    let mut seen = Vec::new();
    let mut answered = false;
    // Not a timing assertion: a bound, so that a broken tutor fails instead of hanging.
    let deadline = Instant::now() + Duration::from_secs(30);
    let colour = loop {
        assert!(
            Instant::now() < deadline,
            "no title drawn:\n{}",
            parser.screen().contents()
        );
        let Ok(bytes) = rx.recv_timeout(Duration::from_millis(100)) else {
            continue;
        };
        seen.extend_from_slice(&bytes);
        parser.process(&bytes);
        if !answered && seen.windows(6).any(|w| w == b"\x1b]11;?") {
            writer.write_all(answer).expect("answer");
            writer.flush().expect("flush");
            answered = true;
        }
        let screen = parser.screen();
        let found = (0..36).find_map(|row| {
            let line = screen.contents_between(row, 0, row, 120);
            let col = line.find(&format!("1/{}", Step::COUNT))?;
            Some(screen.cell(row, col as u16)?.fgcolor())
        });
        if let Some(colour) = found {
            break colour;
        }
    };
    assert!(answered, "the tutor never asked for the background");
    writer.write_all(b"q").expect("quit");
    let _ = writer.flush();
    let _ = child.wait();
    colour
}

#[test]
fn a_white_background_picks_the_light_theme() {
    let light = title_colour(b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c");
    let dark = title_colour(b"\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;22c");
    assert_ne!(light, dark, "the answer changed nothing");
    // The light theme's title brown, xterm colour 94; the dark theme's yellow.
    assert_eq!(light, vt100::Color::Idx(94));
    assert_eq!(dark, vt100::Color::Idx(3));
}
