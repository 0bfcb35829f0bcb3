use pidns_tutor::lab::{Lab, Mode};
use std::path::Path;

#[test]
fn smoke() {
    let exe = Path::new(env!("CARGO_BIN_EXE_pidns-tutor"));
    let mut lab = Lab::spawn_with(Mode::Root, exe).unwrap();
    let id = lab.identity().unwrap();
    eprintln!("{id:?} host pid {}", lab.agent_pid());
    let k = lab.kill(std::process::id() as i32, 0, false).unwrap();
    eprintln!("kill parent: {k:?}");
    let snap = lab.snapshot(true).unwrap();
    eprintln!(
        "ns view before: {} procs, pid1 {:?}",
        snap.procs.len(),
        snap.get(1).map(|p| &p.name)
    );
    lab.remount_proc().unwrap();
    let id = lab.identity().unwrap();
    eprintln!("after remount {id:?}");
    let snap = lab.snapshot(true).unwrap();
    eprintln!("ns view after: {:?}", snap.procs);
    let chain = lab.start_chain().unwrap();
    eprintln!("chain {chain:?}");
    let k = lab.kill(chain[1], 9, true).unwrap();
    eprintln!("kill middle {k:?}");
    let snap = lab.snapshot(true).unwrap();
    eprintln!("ns view after kill: {:?}", snap.procs);
    let r = lab.signal_init_from_inside(9).unwrap();
    eprintln!("sigkill to 1 from inside: {r:?}");
    let id = lab.identity().unwrap();
    eprintln!("alive: {id:?}; members {:?}", lab.members());
    let left = lab.kill_init().unwrap();
    eprintln!("left {left}");
}
