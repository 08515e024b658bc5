//! Measuring for the benchmarks: what the app benchmark and its bare-window baseline both read.

use std::time::Duration;

/// CPU time of the whole process so far, all threads together (Linux: `/proc/self/stat`, in
/// clock ticks of 10 ms; `None` elsewhere). Mesa's software renderer draws on the process's own
/// threads, so this counts the drawing too, and unlike the wall clock it leaves out time the
/// machine gave to other work.
pub fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    parse_stat(&stat)
}

/// User plus system time from the text of `/proc/<pid>/stat`.
fn parse_stat(stat: &str) -> Option<Duration> {
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')')?.1;
    let mut f = rest.split_whitespace().skip(11);
    let user: u64 = f.next()?.parse().ok()?;
    let sys: u64 = f.next()?.parse().ok()?;
    Some(Duration::from_millis((user + sys) * 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_and_system_ticks_are_added() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
        let stat = "4242 (my app (x)) R 1 4242 4242 0 -1 4194304 100 0 0 0 250 37 0 0 20 0";
        assert_eq!(parse_stat(stat), Some(Duration::from_millis(2870)));
        assert_eq!(parse_stat("garbage"), None);
        assert_eq!(parse_stat("1 (a) R 1 2"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_can_be_read() {
        assert!(process_cpu().is_some());
    }
}
