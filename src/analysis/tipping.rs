//! Tipping curves: the share of runs in which a side has reached a judgment by each step,
//! with percentiles of the step and their Monte Carlo uncertainty. Steps are the model's time
//! unit; the field names say `month`, the war model's step, as `summary.json` always has.

use serde::Serialize;

/// Distribution over runs of the first step of a judgment (the contract's `TIP`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tip {
    /// Share of runs that have reached it by step t, for t = 0..=horizon.
    pub share_by_month: Vec<f64>,
    /// Median step (null when fewer than half the runs reached it).
    pub median_month: Option<f64>,
    /// 10th percentile step (null when fewer than 10% reached it).
    pub p10_month: Option<f64>,
    /// 90th percentile step (null when fewer than 90% reached it).
    pub p90_month: Option<f64>,
    /// Share of runs that never reached it within the horizon.
    pub never_share: f64,
    /// Standard error of `share_by_month` (binomial, sqrt(p(1-p)/n)).
    pub share_se_by_month: Vec<f64>,
    /// Standard error of `never_share`.
    pub never_share_se: f64,
    /// 90% confidence interval of the median step (order-statistic interval); null when the
    /// interval's upper rank did not tip.
    pub median_month_ci90: Option<[f64; 2]>,
}

/// Binomial standard error of a share.
pub fn share_se(p: f64, n: usize) -> f64 {
    if n == 0 { f64::NAN } else { (p * (1.0 - p) / n as f64).sqrt() }
}

/// Round to 6 decimals, so that JSON stays readable and stable.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Build the tipping curve from each run's first step (`None` = never), over `months` steps.
pub fn tip(first: &[Option<u16>], months: usize) -> Tip {
    let n = first.len();
    let mut hist = vec![0usize; months + 1];
    let mut sorted: Vec<u16> = Vec::with_capacity(n);
    for m in first.iter().flatten() {
        let m = (*m as usize).min(months);
        hist[m] += 1;
        sorted.push(m as u16);
    }
    sorted.sort_unstable();
    let mut cum = 0;
    let share_by_month: Vec<f64> = hist
        .iter()
        .map(|h| {
            cum += h;
            if n == 0 { 0.0 } else { round6(cum as f64 / n as f64) }
        })
        .collect();
    let share_se_by_month = share_by_month.iter().map(|&p| round6(share_se(p, n))).collect();
    let pct = |q: f64| -> Option<f64> {
        if n == 0 {
            return None;
        }
        let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
        sorted.get(rank - 1).map(|&m| m as f64)
    };
    let never = if n == 0 { 1.0 } else { (n - sorted.len()) as f64 / n as f64 };
    let median_month_ci90 = if n == 0 {
        None
    } else {
        // Ranks n/2 ∓ 1.645·sqrt(n)/2 bracket the median with about 90% coverage.
        let half = 1.645 * (n as f64).sqrt() / 2.0;
        let lo = ((n as f64 / 2.0 - half).floor() as usize).clamp(1, n);
        let hi = ((n as f64 / 2.0 + half).ceil() as usize).clamp(1, n);
        match (sorted.get(lo - 1), sorted.get(hi - 1)) {
            (Some(&a), Some(&b)) => Some([a as f64, b as f64]),
            _ => None,
        }
    };
    Tip {
        share_by_month,
        median_month: pct(0.5),
        p10_month: pct(0.1),
        p90_month: pct(0.9),
        never_share: round6(never),
        share_se_by_month,
        never_share_se: round6(share_se(never, n)),
        median_month_ci90,
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;

    #[test]
    fn curve_is_cumulative_and_percentiles_null_when_too_few_tip() {
        let first = [Some(2), Some(4), None, None, Some(4), None, None, None, None, None];
        let t = tip(&first, 6);
        assert_eq!(t.share_by_month, vec![0.0, 0.0, 0.1, 0.1, 0.3, 0.3, 0.3]);
        assert_eq!(t.p10_month, Some(2.0));
        assert_eq!(t.median_month, None);
        assert_eq!(t.p90_month, None);
        assert_eq!(t.never_share, 0.7);
        assert!(t.share_by_month.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn all_tipping_gives_all_percentiles() {
        let first: Vec<Option<u16>> = (0..100).map(|i| Some(i as u16 % 10)).collect();
        let t = tip(&first, 12);
        assert_eq!(t.median_month, Some(4.0));
        assert_eq!(t.p10_month, Some(0.0));
        assert_eq!(t.p90_month, Some(8.0));
        assert_eq!(t.never_share, 0.0);
        assert_eq!(*t.share_by_month.last().unwrap(), 1.0);
        let ci = t.median_month_ci90.unwrap();
        assert!(ci[0] <= 4.0 && ci[1] >= 4.0);
    }
}
