//! `protracted report`: one self-contained HTML file to hand out or print.
//!
//! The report gathers what `run` and `compare` print and draw — the same summary, the same
//! comparison record, the same charts (rendered as inline SVG by [`crate::plot`]) — and puts
//! words around them: the scenario's teaching notes first, the headline numbers in sentences
//! and tables with their Monte Carlo error, every chart with a "how to read this" caption
//! ([`words`]), a variant's changes relative to its parent and every non-default parameter
//! with its source ([`params`]), the cease-fires by who gave up and the key events ([`tally`]),
//! and the provenance. The markup ([`page`]) is built with maud, which escapes every string, and
//! the stylesheet is embedded: the file makes no network request.
//!
//! This module renders only; running the ensembles and writing the file is the CLI's job
//! (`src/cli/report.rs`), and `protracted serve` calls [`render`] for its "save report".

pub mod page;
pub mod params;
pub mod run;
pub mod tally;
pub mod words;

use crate::analysis::compare::{Comparison, Results};
use crate::plot::{Figure, PlotError};
use rayon::prelude::*;

/// One scenario of a report with everything computed about it.
#[derive(Clone, Copy)]
pub struct Member<'a> {
    /// The scenario, its ensemble and summary.
    pub results: Results<'a>,
    /// Cease-fires by who gave up, key events.
    pub tally: &'a tally::Tally,
    /// What it changes relative to its parent, if it extends one.
    pub diff: Option<&'a params::Diff>,
    /// Its parameters that differ from their defaults.
    pub params: &'a [params::ParamRow],
}

/// A report: one scenario (a `run`) or several on common random numbers (a `compare`).
pub struct Report<'a> {
    /// The scenarios, the first the reference of a comparison.
    pub members: Vec<Member<'a>>,
    /// The comparison, when there are several.
    pub comparison: Option<&'a Comparison>,
    /// The command line that produced it, for the provenance.
    pub command: String,
}

/// A chart rendered as SVG, with its file name and whether it belongs to the comparison.
#[derive(Debug, Clone)]
pub struct Chart {
    /// The chart's name as `run`/`compare` write it (`tipping`, `manpower`, ...).
    pub name: &'static str,
    /// Its title.
    pub title: String,
    /// Whether it is a comparison chart.
    pub comparison: bool,
    /// The SVG document.
    pub svg: String,
}

fn render_all(figs: Vec<Figure>, comparison: bool) -> Result<Vec<Chart>, PlotError> {
    figs.par_iter()
        .map(|f| {
            Ok(Chart { name: f.name(), title: f.title().to_string(), comparison, svg: crate::plot::render_svg(f)? })
        })
        .collect()
}

/// Render the report as an HTML document.
pub fn render(r: &Report<'_>) -> Result<String, PlotError> {
    let per_member: Vec<Vec<Chart>> =
        r.members.iter().map(|m| render_all(crate::plot::run_figures(m.results), false)).collect::<Result<_, _>>()?;
    let comparison_charts = match r.comparison {
        Some(c) => {
            let results: Vec<Results<'_>> = r.members.iter().map(|m| m.results).collect();
            render_all(crate::plot::compare_figures(&results, c), true)?
        }
        None => Vec::new(),
    };
    Ok(page::document(r, &per_member, &comparison_charts).into_string())
}
