//! The command line's help in Korean: every subcommand's and option's line, put on the same
//! clap::Command the parser uses when the lesson's language is Korean (`--lang ko`, or
//! LANG=ko_KR...), so `--help` speaks the language the lesson does. A test checks that no
//! visible line is left in English.

use crate::lang::Lang;
use clap::Command;

/// `command` with its help in `lang` (English is how it is written).
pub fn localize(command: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => command,
        Lang::Ko => {
            // Built first: clap adds --help, --version and `help` only then.
            let mut command = command;
            command.build();
            korean(command, "")
        }
    }
}

/// The language `--lang` asks for in `args` (the program's own arguments), before clap has
/// parsed them: it decides which help clap is to print.
pub fn lang_in_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut words = args.iter().map(|a| a.to_str().unwrap_or(""));
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next().unwrap_or(""),
            Some(rest) => rest.strip_prefix('=').unwrap_or(""),
            None => continue,
        };
        match value {
            "ko" => return Some(Lang::Ko),
            "en" => return Some(Lang::En),
            _ => {}
        }
    }
    None
}

fn korean(mut command: Command, parent: &str) -> Command {
    let name = command.get_name().to_string();
    let path = if parent.is_empty() {
        String::new()
    } else {
        name.clone()
    };
    if let Some(about) = about(&path) {
        command = command.about(about).long_about(None);
    }
    if path.is_empty() {
        command = command
            .long_about(ABOUT_LONG)
            .after_help(KEYS)
            .subcommand_help_heading("명령");
    }
    command = command
        .help_template("{about-with-newline}\n사용법: {usage}\n\n{all-args}{after-help}")
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                "인자"
            } else {
                "옵션"
            };
            let id = arg.get_id().to_string();
            let arg = arg.help_heading(heading);
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            let Some(text) = help(&path, &id) else {
                return arg;
            };
            // clap would add these in English (and the values' own descriptions).
            let mut text = text.to_string();
            if !values.is_empty() {
                text.push_str(&format!(" [값: {}]", values.join(", ")));
            }
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() {
                text.push_str(&format!(" [기본값: {}]", defaults.join(", ")));
            }
            arg.help(text)
                .long_help(None)
                .hide_possible_values(true)
                .hide_default_value(true)
        });
    let subs: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        command = command.mut_subcommand(&sub, |s| korean(s, &name));
    }
    command
}

const ABOUT_LONG: &str = "리눅스 PID 네임스페이스를 터미널에서 직접 해 보며 배우는 수업\n\n\
진짜 PID 네임스페이스를 clone하고, 호스트에서 본 모습과 안에서 본 모습을 나란히 \
보여 주며, 블로그 글 \"Linux namespace - PID\"를 한 단계씩 따라갑니다.";

const KEYS: &str = "\
수업 중의 키: →/l/n/Space 다음 단계, ←/p 이전 단계, Enter 단계 실행 (예측이 있는
단계는 예측부터; BEFORE 뒤에는 AFTER; 요약에서는 퀴즈), b 전/후, g N Enter N단계로 이동,
r 새 네임스페이스, P 저장된 진행 상황 지우기, s 안의 셸 (Ctrl-] 돌아오기), h 과제 힌트
(다시: 풀이), a 과제 답 입력, S 또는 F5 무대 모드, R 같은 단계에서 라이브/녹화 전환,
1-4 창 선택 (질문이 열려 있으면 답하기, Esc 건너뛰기), Tab 다음 창, ↑/↓/PgUp/PgDn
스크롤, z 확대, f 펼치기, L 언어, ? 도움말, q 끝내기.
터미널 없이: pidns-tutor walk (일반 텍스트 또는 --json).
발표자 노트 (두 번째 터미널에서 TUI를 따라감): pidns-tutor notes.";

/// A subcommand's one line; `""` is the program itself.
fn about(path: &str) -> Option<&'static str> {
    Some(match path {
        "" => "리눅스 PID 네임스페이스를 터미널에서 직접 해 보며 배우는 수업",
        "walk" => "수업의 모든 단계를 라이브로 실행하고 일어난 일을 출력 (터미널 UI 없이)",
        "progress" => "진행 상황 보기 (마지막 단계, 답, 점수), 또는 지우기",
        "report" => {
            "교사용: 학생들의 진행 파일을 합산 (학생마다 한 줄: 마지막 단계, 첫 예측의 정답, \
             과제, 퀴즈; 단계마다: 도달, 과제 통과, 예측 정답, 가장 흔한 오답). 같은 학습자는 \
             한 번만 셈 (가장 새 것). 셀 수 없는 파일이 있으면 1로 끝남 (나머지는 보고함)"
        }
        "tree" => {
            "`pstree -p`처럼 프로세스 트리를 출력하되, 각 프로세스가 속한 모든 PID \
             네임스페이스에서의 PID를 함께: `bash 5632(1)`은 호스트 PID 5632, 네임스페이스 안 PID 1"
        }
        "check" => "이 머신이 허용하는 것 (root, 사용자 네임스페이스)과 수업이 쓸 모드를 알려 줌",
        "record" => "수업 전체를 라이브로 실행하고 관찰한 것을 녹화 파일로 저장",
        "completions" => {
            "SHELL용 자동 완성 스크립트를 출력, 예: `pidns-tutor completions bash > \
             ~/.local/share/bash-completion/completions/pidns-tutor`"
        }
        "man" => {
            "매뉴얼 페이지(roff)를 출력, 예: `pidns-tutor man walk | man -l -`, 또는 --dir로 전부 저장"
        }
        "notes" => {
            "발표용 노트, 두 번째 터미널에서: 실행 중인 TUI를 따라가며 할 말, 청중이 볼 것, \
             다음 단계와 시간을 보여 줌"
        }
        "help" => "이 도움말, 또는 주어진 하위 명령의 도움말 보기",
        "cast" => {
            "수업을 asciicast v2 파일로 저장: 모든 단계의 화면과 단계마다 표시 \
             (asciinema play FILE 또는 asciinema 웹 플레이어; 보는 데 머신이 필요 없음)"
        }
        _ => return None,
    })
}

/// An option's line in subcommand `path` (`""`: the program itself).
fn help(path: &str, id: &str) -> Option<&'static str> {
    Some(match (path, id) {
        (_, "help") => "도움말 보기",
        (_, "version") => "버전 보기",
        ("" | "walk" | "cast", "lang") => "수업 언어 [기본값: LANG에서]",
        (_, "lang") => "언어 [기본값: LANG에서]",
        ("record", "mode") => "네임스페이스를 만드는 방법 [기본값: 여기서 되는 첫 모드]",
        (_, "mode") => "네임스페이스를 만드는 방법 [기본값: root이면 root, 아니면 userns]",
        (_, "replay") => {
            "라이브 네임스페이스 대신 녹화를 보여 줌 (녹화라고 분명히 표시): 내장된 녹화, 또는 \
             `pidns-tutor record`로 만든 FILE (그 방의 머신에 기대면 안 되는 시연용)"
        }
        (_, "no_progress") => {
            "진행 파일을 읽지도 쓰지도 않음 (NO_PROGRESS=1도 같음), 예: 교실의 공용 단말"
        }
        ("", "step") => "TUI를 이 단계에서 시작",
        ("", "restart") => "지난번에 멈춘 곳이 아니라 첫 단계에서 시작",
        ("", "theme") => "TUI의 색 테마 (NO_COLOR는 색을 끔)",
        ("cast", "theme") => "색 테마 (cast가 필요한 배경을 알려 줌; NO_COLOR는 색을 끔)",
        ("tree", "ascii") => "트리를 UTF-8 선 대신 ASCII 문자로 그림",
        (_, "ascii") => "트리와 테두리를 ASCII로만 그림",
        ("", "stage") => {
            "무대 모드로 시작 (발표용): 한 줄 배너(단계, 제목, 관찰한 것) 아래 두 트리를 \
             전체 높이로, 수업 글은 숨김 (S 또는 F5로 전환). 발표는 첫 단계에서 시작하고 \
             진행 상황을 학습자의 것과 따로 둠"
        }
        ("", "resume") => "--stage와 함께: 지난 발표(또는 리허설)가 멈춘 곳에서 이어 감",
        ("", "name") => "교사의 보고서에 보일 이름 (진행 파일에 저장; 기본값: 로그인 이름)",
        ("progress", "name") => "교사의 보고서에 보일 이름을 정함",
        ("report", "csv") => "학생마다 CSV 한 줄, 단계와 과제마다 한 열 (스프레드시트용)",
        ("report", "html") => "반 전체 표와 단계별 오개념을 독립된 HTML 페이지 하나로도 저장",
        ("cast", "stage") => "무대 모드의 화면으로 그림 (발표용 배치)",
        ("notes", "minutes") => "발표 시간(분): 단계마다 앞섰는지 늦었는지 보여 줌",
        ("walk", "json") => {
            "한 줄에 JSON 객체 하나: 먼저 {\"mode\": ...}, 그다음 {\"step\": ID, \"facts\": {...}}"
        }
        ("walk", "brief") => "수업 글 없이 제목과 관찰만",
        ("walk", "quiz") => {
            "커널이 놀라게 하는 단계마다 먼저 예측을 묻고, 끝에 퀴즈; 답은 표준 입력에서 읽어 \
             진행 상황으로 저장 (표준 입력이 터미널이 아니면 묻지 않고 질문마다 라이브 답을 보여 줌)"
        }
        ("progress", "reset") => "지우기 (표준 입력이 터미널이면 먼저 물어봄)",
        ("progress", "yes") => "지우기 전에 묻지 않음",
        ("report", "files") => {
            "진행 파일, 디렉터리(*.json을 찾음), 또는 표준 입력을 뜻하는 `-` (여러 개가 \
             이어져 있어도 됨)"
        }
        ("report", "json") => "텍스트 대신 JSON 객체 하나 (학생마다 기록 하나)",
        ("tree", "pid") => "이 PID(이 /proc의 번호)의 하위 트리만",
        ("tree", "ns") => "내 것이 아닌 PID 네임스페이스의 프로세스만, 그 조상과 함께",
        ("tree", "json") => "트리를 JSON으로: 중첩된 {pid, nspid, name, pidns, children}",
        ("record", "output") => {
            "저장할 곳 [기본값: $XDG_DATA_HOME/pidns-tutor/recording-DATE.jsonl]"
        }
        ("cast", "output") => "저장할 asciicast 파일 (`asciinema play FILE`로 재생)",
        ("cast", "size") => "cast를 그릴 터미널 크기, COLUMNSxROWS",
        ("completions", "shell") => "자동 완성 스크립트를 만들 셸",
        ("man", "page") => "이 하위 명령(예: walk)의 페이지 [기본값: pidns-tutor(1), 개요]",
        ("man", "dir") => {
            "모든 페이지를 DIR에 저장 (pidns-tutor.1, pidns-tutor-walk.1, ...), 필요하면 \
             만듦, 예: --dir ~/.local/share/man/man1"
        }
        ("notes", "pid") => "이 프로세스 ID의 TUI를 따라감 [기본값: 실행 중인 가장 새 것]",
        _ => return None,
    })
}
