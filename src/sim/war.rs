//! The war model's run loop: seed the run's shock streams, step the model month by month, let
//! each side judge, apply the cease-fire rule and record every month.
//!
//! The loop owns everything that is not the model's: random streams (one per mechanism, see
//! [`rng`]), the event schedule, the event log's wording and the end of a run. The model's step
//! ([`step`](fn@crate::model::war::step)) sees only its state, parameters, inputs and the month's shocks.

use super::rng;
use super::run::{Plan, Trajectory};
use super::schedule::Schedule;
use crate::judgment::war::{Judges, end_conditions};
use crate::judgment::{LogEntry, N_COMPONENTS, Outcome};
use crate::model::war::{Happening, MonthInputs, MonthShocks, Note, Perceived, WarState, columns, record, step};
use crate::scenario::{CeasefireRule, EventAction, Scenario};
use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

/// Per-month random streams of a run: one per world mechanism, and one per mechanism and side,
/// keyed by the side's *name* (so that the order in which a scenario declares its sides changes
/// nothing). Each stream draws a fixed number of values every month, whatever happens in the
/// run, so a month's shocks depend only on the seed, the run and the month.
struct Streams {
    oil: ChaCha8Rng,
    donors: ChaCha8Rng,
    combat: [ChaCha8Rng; 2],
    recruits: [ChaCha8Rng; 2],
    strikes: [ChaCha8Rng; 2],
    territory: [ChaCha8Rng; 2],
    economy: [ChaCha8Rng; 2],
    perception: [ChaCha8Rng; 2],
}

#[inline]
fn z(r: &mut ChaCha8Rng) -> f64 {
    StandardNormal.sample(r)
}

/// The purpose keys of a scenario's shock streams ([`rng::key`] of `shock.oil`, `shock.donors`
/// and `shock.WHAT.SIDE` for each side's name), computed once per plan rather than per run.
#[derive(Debug, Clone)]
pub struct StreamKeys {
    oil: u64,
    donors: u64,
    /// Per side: combat, recruits, strikes, territory, economy, perception.
    sides: [[u64; 6]; 2],
}

impl StreamKeys {
    /// The keys for a scenario's two sides.
    pub fn new(sc: &Scenario) -> StreamKeys {
        let side = |name: &str| {
            ["combat", "recruits", "strikes", "territory", "economy", "perception"]
                .map(|what| rng::key(&format!("shock.{what}.{name}")))
        };
        let sides = if sc.sides.len() == 2 { [side(&sc.sides[0].name), side(&sc.sides[1].name)] } else { [[0; 6]; 2] };
        StreamKeys { oil: rng::key("shock.oil"), donors: rng::key("shock.donors"), sides }
    }
}

impl Streams {
    fn new(seed: u64, run: u64, k: &StreamKeys) -> Streams {
        let s = |key: u64| rng::stream(seed, key, run);
        let per_side = |what: usize| [s(k.sides[0][what]), s(k.sides[1][what])];
        Streams {
            oil: s(k.oil),
            donors: s(k.donors),
            combat: per_side(0),
            recruits: per_side(1),
            strikes: per_side(2),
            territory: per_side(3),
            economy: per_side(4),
            perception: per_side(5),
        }
    }

    /// Draw the model's shocks for the next month into `m` (reusing its buffer).
    fn month(&mut self, n_donors: usize, m: &mut MonthShocks) {
        m.oil = z(&mut self.oil);
        m.donors.clear();
        for _ in 0..n_donors {
            let (u1, u2): (f64, f64) = (self.donors.random(), self.donors.random());
            m.donors.push((u1, u2));
        }
        for s in 0..2 {
            m.recruits[s] = z(&mut self.recruits[s]);
            m.combat[s] = z(&mut self.combat[s]);
            m.strikes[s] = z(&mut self.strikes[s]);
            m.territory[s] = z(&mut self.territory[s]);
            m.inflation[s] = z(&mut self.economy[s]);
            m.key_rate[s] = z(&mut self.economy[s]);
        }
    }

    /// The judgment's perception noise for the month, per side.
    fn perception(&mut self) -> [[f64; N_COMPONENTS]; 2] {
        let mut n = [[0.0; N_COMPONENTS]; 2];
        for (s, row) in n.iter_mut().enumerate() {
            for x in row.iter_mut() {
                *x = z(&mut self.perception[s]);
            }
        }
        n
    }
}

fn describe(sc: &Scenario, a: &EventAction) -> String {
    match a {
        EventAction::Reinforce { side, .. } => {
            format!("reinforcements for {}", sc.sides[*side].name)
        }
        EventAction::Set { target, .. } => format!("{} set", sc.slots[*target].path),
        EventAction::Scale { target, .. } => format!("{} scaled", sc.slots[*target].path),
    }
}

/// The log entry for a happening inside the model.
fn entry(sc: &Scenario, n: &Note) -> LogEntry {
    let (event, detail) = match n.what {
        Happening::AidPaused { donor } => ("aid_paused", format!("{} pauses its support", sc.donors[donor].name)),
        Happening::AidCut { donor } => ("aid_cut", format!("{} cuts its support for good", sc.donors[donor].name)),
        Happening::AgeBandWidened { share } => {
            ("age_band_widened", format!("18-24 year-olds liable to conscription (share {share:.2})"))
        }
        Happening::CoerciveBegins => ("coercive_mobilisation", "coercive mobilisation begins".into()),
        Happening::CoerciveByRule { trigger_months } => (
            "coercive_mobilisation",
            format!("bought recruits below losses for {trigger_months} months: coercive mobilisation begins"),
        ),
        Happening::ReservesExhausted => {
            ("reserves_exhausted", "liquid reserves exhausted: deficits are now printed".into())
        }
    };
    LogEntry { month: n.month as u16, side: Some(n.side as u8), event, detail }
}

/// Run the war model for one trajectory.
pub fn run(plan: &Plan<'_>, mut schedule: Schedule<'_>, t: &mut Trajectory) {
    let sc = plan.scenario;
    let mut rs = Streams::new(plan.seed, t.run as u64, &plan.stream_keys);
    let recipients: Vec<usize> = sc.donors.iter().map(|d| d.recipient).collect();
    let labels = [sc.sides[0].label.as_str(), sc.sides[1].label.as_str()];
    let names = [sc.sides[0].name.as_str(), sc.sides[1].name.as_str()];
    let p0 = schedule.params_at(0).clone();
    let mut w = WarState::new(&p0, &recipients);
    let mut judges = Judges::default();
    let ncols = t.ncols;
    let cols = columns();
    let e0 = crate::model::sanctions::effective(sc.sanctions_path.at(0.0), &p0.world);
    let start = [Default::default(); 2];
    let oil0 = sc.oil_path.at(0.0);
    if plan.records_rows() {
        record(&cols, &w, &p0, oil0, e0, [0.0; 2], &start, &[Perceived::START; 2], &mut t.values[..ncols]);
    }

    let mut shocks = MonthShocks::default();
    let mut notes: Vec<Note> = Vec::new();
    for k in 0..plan.steps {
        let month = k + 1;
        for e in schedule.starting(k) {
            if !matches!(e.action, EventAction::Reinforce { .. }) || e.note.is_some() {
                let what = e.note.clone().or_else(|| e.name.clone()).unwrap_or_else(|| describe(sc, &e.action));
                t.log.push(LogEntry { month: k as u16, side: None, event: "scheduled_event", detail: what });
            }
        }
        let (arriving_k, spread_k) = schedule.reinforcements(k);
        let p = schedule.params_at(k);
        rs.month(recipients.len(), &mut shocks);
        let inputs = MonthInputs {
            step: k,
            oil_path_usd_bbl: sc.oil_path.at(k as f64),
            sanctions_intensity: sc.sanctions_path.at(k as f64),
            arriving_k,
            spread_k,
            recipients: &recipients,
        };
        notes.clear();
        let out = step(p, &mut w, &inputs, &shocks, &mut notes);
        t.log.extend(notes.iter().map(|n| entry(sc, n)));

        let mut ended = end_conditions(&w, p, names, labels, month, &mut t.log);
        let noise = rs.perception();
        let v = judges.assess(&w, p, &out, &noise, labels, month, &mut t.log);
        for s in 0..2 {
            if let Some(d) = v.drivers[s] {
                t.drivers[s] = Some(d.map(|x| x as f32));
            }
        }
        if ended.is_none() {
            let both = judges.sides.iter().all(|j| j.time_not_on_side.is_some());
            let cease = match sc.ceasefire {
                CeasefireRule::Never => false,
                CeasefireRule::WhenEitherCutsLosses => v.cut_any,
                CeasefireRule::WhenBothJudge => both,
            };
            if cease {
                t.log.push(LogEntry {
                    month: month as u16,
                    side: None,
                    event: "ceasefire",
                    detail: "the sides agree a cease-fire".into(),
                });
                ended = Some(match (sc.ceasefire, v.would_cut) {
                    // Who gave up: the one side that would cut its losses.
                    (CeasefireRule::WhenEitherCutsLosses, [true, false]) => Outcome::CeasefireCutLosses(0),
                    (CeasefireRule::WhenEitherCutsLosses, [false, true]) => Outcome::CeasefireCutLosses(1),
                    _ => Outcome::Ceasefire,
                });
            }
        }
        if plan.records_rows() {
            let row = &mut t.values[month * ncols..(month + 1) * ncols];
            record(&cols, &w, p, out.oil, out.sanctions_effective, out.cas, &out.flows, &v.perceived, row);
        }
        if let Some(o) = ended {
            t.outcome = o;
            t.end_step = month;
            break;
        }
    }
    for s in 0..2 {
        t.time_not_on_side[s] = judges.sides[s].time_not_on_side;
        t.cut_losses[s] = judges.sides[s].cut_losses;
    }
}
