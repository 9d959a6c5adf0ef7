//! Benchmarks of `protracted serve`'s live re-run and of `protracted report`, on the shipped
//! baseline (60 months, 1,000 runs, both threads).
//!
//! `cargo bench --bench classroom`. What each benchmark measures:
//!
//! - `live_bench::move_lever`: what the server does between a lever's move and its answer — load
//!   the scenario with the lever's `--set` (`live::variant`), run 1,000 runs, summarise, compare
//!   on common random numbers with the cached unchanged scenario, draw the three charts as SVG
//!   and the numbers table (`live::answer`). The browser adds the request, parsing the JSON
//!   and swapping the SVG in; `tests/it/browser.rs` prints the whole input-to-chart time.
//! - `live_bench::draw_only`: the three charts and the numbers of an already-run ensemble.
//! - `report_bench::render_run`: rendering a run's report (seven charts as SVG and the page) from an
//!   ensemble already run.

use divan::Bencher;
use protracted::report::run::compute;
use protracted::report::{Member, Report};
use protracted::serve::library::Library;
use protracted::serve::live::{self, Base};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// The baseline run once, unchanged (as the server caches it).
fn base() -> &'static Base {
    static B: OnceLock<Base> = OnceLock::new();
    B.get_or_init(|| {
        let lib = Library::scan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")).expect("the library");
        let entry = lib.get("baseline.toml").expect("the baseline");
        live::base(entry, 1000, 0, None).unwrap_or_else(|e| panic!("{}", e.error))
    })
}

mod live_bench {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn move_lever(b: Bencher) {
        let base = base();
        let mut x = 1.0;
        b.bench_local(|| {
            // A different position each time, as a student dragging the lever.
            x = if x >= 2.9 { 1.1 } else { x + 0.1 };
            let pos: BTreeMap<String, f64> = [("europe_aid".to_string(), x)].into_iter().collect();
            let v = live::variant(base, &pos).expect("a valid position");
            live::answer(base, &v, Some("front_k@0"), base.options).expect("an answer")
        });
    }

    #[divan::bench(sample_count = 20)]
    fn draw_only(b: Bencher) {
        let base = base();
        let v = live::variant(base, &BTreeMap::new()).expect("no lever moved");
        b.bench_local(|| live::answer(base, &v, Some("front_k@0"), base.options).expect("an answer"));
    }
}

mod report_bench {
    use super::*;

    #[divan::bench(sample_count = 10)]
    fn render_run(b: Bencher) {
        let base = base();
        let c = compute(&base.scenario, base.options, protracted::sim::PerRun::Nothing, &mut |_| {});
        let results =
            protracted::plot::Results { scenario: &base.scenario, ensemble: &c.ensemble, summary: &c.summary };
        let member = Member { results, tally: &c.tally, diff: None, params: &[] };
        b.bench_local(|| {
            protracted::report::render(&Report { members: vec![member], comparison: None, command: String::new() })
                .expect("renders")
        });
    }
}
