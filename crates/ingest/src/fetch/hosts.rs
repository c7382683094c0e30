//! Politeness towards each host: at most N requests in flight and at least a delay between
//! the starts of two requests, whatever number of threads fetch.
//!
//! A news site serves a feed and then the dozens of pages it lists; fetching them all at
//! once from several threads would look like an attack and get us blocked. One limiter is
//! shared by every thread of a run (it is `Sync`), keyed by host and port.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Per-host concurrency and spacing of requests.
#[derive(Debug)]
pub struct HostLimiter {
    max_in_flight: usize,
    delay: Duration,
    state: Mutex<HashMap<String, HostState>>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct HostState {
    in_flight: usize,
    /// The earliest time the next request to this host may start.
    next_start: Option<Instant>,
    /// The host's own delay (robots.txt `crawl-delay`) when longer than the default.
    delay: Option<Duration>,
    /// Until when the host asked us not to call (a `Retry-After` on a 429 or 503).
    deferred_until: Option<Instant>,
}

/// Held while a request to a host runs; dropping it frees the slot.
#[derive(Debug)]
pub struct HostPermit<'a> {
    limiter: &'a HostLimiter,
    host: String,
}

impl HostLimiter {
    /// A limiter allowing `max_in_flight` (at least 1) concurrent requests per host, their
    /// starts at least `delay` apart.
    pub fn new(max_in_flight: usize, delay: Duration) -> Self {
        HostLimiter {
            max_in_flight: max_in_flight.max(1),
            delay,
            state: Mutex::new(HashMap::new()),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, HostState>> {
        // A panic while holding the lock cannot leave the counts half-updated (each update
        // is one statement), so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Wait until a request to `host` may start, and take a slot for it.
    pub fn acquire(&self, host: &str) -> HostPermit<'_> {
        let mut map = self.lock();
        loop {
            let now = Instant::now();
            let st = map.entry(host.to_string()).or_default();
            let wait = st.next_start.and_then(|t| t.checked_duration_since(now));
            if st.in_flight < self.max_in_flight && wait.is_none() {
                st.in_flight += 1;
                st.next_start = Some(now + st.delay.unwrap_or(self.delay).max(self.delay));
                break;
            }
            map = match wait {
                Some(w) if st.in_flight < self.max_in_flight => {
                    self.changed
                        .wait_timeout(map, w)
                        .unwrap_or_else(|p| p.into_inner())
                        .0
                }
                _ => self.changed.wait(map).unwrap_or_else(|p| p.into_inner()),
            };
        }
        HostPermit {
            limiter: self,
            host: host.to_string(),
        }
    }
}

impl HostLimiter {
    /// Space the requests to `host` at least `delay` apart from now on (a robots.txt
    /// `crawl-delay`); a delay shorter than the limiter's own changes nothing.
    pub fn set_delay(&self, host: &str, delay: Duration) {
        let mut map = self.lock();
        let st = map.entry(host.to_string()).or_default();
        st.delay = Some(delay);
    }

    /// Call `host` no more before `wait` has passed (the server's `Retry-After`).
    pub fn defer(&self, host: &str, wait: Duration) {
        let until = Instant::now() + wait;
        let mut map = self.lock();
        let st = map.entry(host.to_string()).or_default();
        st.deferred_until = Some(st.deferred_until.map_or(until, |u| u.max(until)));
    }

    /// How long `host` asked us to wait still, if it did.
    pub fn deferred(&self, host: &str) -> Option<Duration> {
        let map = self.lock();
        map.get(host)
            .and_then(|st| st.deferred_until)
            .and_then(|u| u.checked_duration_since(Instant::now()))
            .filter(|d| !d.is_zero())
    }
}

impl Drop for HostPermit<'_> {
    fn drop(&mut self) {
        let mut map = self.limiter.lock();
        if let Some(st) = map.get_mut(&self.host) {
            st.in_flight = st.in_flight.saturating_sub(1);
        }
        drop(map);
        self.limiter.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn one_at_a_time_and_spaced() {
        let limiter = HostLimiter::new(1, Duration::from_millis(30));
        let active = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let started = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    let _p = limiter.acquire("a.example:80");
                    let now = active.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(5));
                    active.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert_eq!(peak.load(Ordering::SeqCst), 1);
        // Four starts, three gaps of at least 30 ms.
        assert!(started.elapsed() >= Duration::from_millis(90));
    }

    #[test]
    fn crawl_delay_and_retry_after_are_per_host() {
        let limiter = HostLimiter::new(2, Duration::ZERO);
        limiter.set_delay("slow.example:80", Duration::from_millis(40));
        let started = Instant::now();
        drop(limiter.acquire("slow.example:80"));
        drop(limiter.acquire("slow.example:80"));
        assert!(started.elapsed() >= Duration::from_millis(40));
        let started = Instant::now();
        drop(limiter.acquire("fast.example:80"));
        drop(limiter.acquire("fast.example:80"));
        assert!(started.elapsed() < Duration::from_millis(40));

        assert_eq!(limiter.deferred("busy.example:80"), None);
        limiter.defer("busy.example:80", Duration::from_secs(120));
        let left = limiter.deferred("busy.example:80").unwrap_or_default();
        assert!(left > Duration::from_secs(100) && left <= Duration::from_secs(120));
        assert_eq!(limiter.deferred("fast.example:80"), None);
    }

    #[test]
    fn hosts_are_independent() {
        let limiter = HostLimiter::new(1, Duration::from_secs(5));
        let _a = limiter.acquire("a.example:80");
        let started = Instant::now();
        let _b = limiter.acquire("b.example:80");
        assert!(started.elapsed() < Duration::from_secs(1));
    }
}
