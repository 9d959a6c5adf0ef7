//! The page's markup: a shell that the embedded script ([`super::http::ASSETS`]) fills from
//! the API. No inline script or style (the Content-Security-Policy forbids them); every string
//! is escaped by maud.

use super::library::Library;
use maud::{DOCTYPE, Markup, html};

/// The page.
pub fn index(lib: &Library, initial: &str, runs: usize) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "protracted — levers" }
                link rel="icon" href="data:,";
                link rel="stylesheet" href="/app.css";
                script src="/app.js" defer {}
            }
            body data-scenario=(initial) data-runs=(runs) {
                header {
                    div.brand {
                        span.question { "When might each side judge that time is not on its side?" }
                        h1 #title { "protracted" }
                        p #description {}
                    }
                    div.controls {
                        label for="scenario" { "Scenario " }
                        select #scenario {
                            @for e in &lib.entries {
                                option value=(e.name) selected[e.name == initial] { (e.title) " (" (e.name) ")" }
                            }
                        }
                        button #projector type="button" title="Projector mode (P)" { "Projector" }
                    }
                }
                main {
                    section #levers-panel {
                        h2 { "Levers" }
                        p #levers-note.note {}
                        div #levers {}
                        div.buttons {
                            button #reset type="button" title="Reset all levers (R)" { "Reset levers" }
                            button #luck type="button" title="Draw other random numbers (N)" { "New luck" }
                        }
                        div.buttons {
                            button #save type="button" { "Save scenario" }
                            button #save-report type="button" { "Save report" }
                        }
                        p #status.status role="status" {}
                        p #error.error role="alert" {}
                    }
                    section #results {
                        nav #tabs {
                            button type="button" data-chart="tipping" .active { "1 · Tipping" }
                            button type="button" data-chart="outcomes" { "2 · Outcomes" }
                            button type="button" data-chart="fan" { "3 · Fan" }
                            label #variable-label { "Variable " select #variable {} }
                        }
                        div #charts {
                            figure #chart-tipping.chart.shown {}
                            figure #chart-outcomes.chart {}
                            figure #chart-fan.chart {}
                        }
                        div #numbers {}
                        p.command { "The same with the command line: " code #command {} }
                    }
                    section #teaching {}
                }
                footer {
                    p.keys { "Keys: ↑ ↓ choose a lever · ← → move it · R reset · N new luck · P projector · 1 2 3 charts" }
                }
            }
        }
    }
}
