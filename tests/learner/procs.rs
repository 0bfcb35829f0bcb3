//! Small readers of the host's /proc for the task tests' own waiting and checking.

pub fn stat_fields(pid: i32) -> Vec<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let Some((head, rest)) = stat.rsplit_once(')') else {
        return Vec::new();
    };
    let name = head.split_once('(').map_or("", |(_, n)| n).to_string();
    std::iter::once(name)
        .chain(rest.split_whitespace().map(str::to_string))
        .collect()
}

pub fn comm(pid: i32) -> String {
    stat_fields(pid).into_iter().next().unwrap_or_default()
}

pub fn ppid(pid: i32) -> i32 {
    stat_fields(pid)
        .get(2)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0)
}

/// The live processes of that name below `root` (not zombies).
pub fn below(root: i32, name: &str) -> Vec<i32> {
    let mut found = Vec::new();
    let mut queue = vec![root];
    while let Some(pid) = queue.pop() {
        let tasks = std::fs::read_dir(format!("/proc/{pid}/task"))
            .into_iter()
            .flatten();
        for task in tasks.flatten() {
            let children =
                std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
            for child in children
                .split_whitespace()
                .filter_map(|c| c.parse::<i32>().ok())
            {
                queue.push(child);
                let fields = stat_fields(child);
                if fields.first().map(String::as_str) == Some(name)
                    && fields.get(1).map(String::as_str) != Some("Z")
                {
                    found.push(child);
                }
            }
        }
    }
    found
}

pub fn status_hex(pid: i32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
        .unwrap_or(0)
}
