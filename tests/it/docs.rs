//! The parameter and output tables in the docs are generated from the code; this test fails
//! when they are out of date. Regenerate with `UPDATE_DOCS=1 cargo test --test it docs`.

use protracted::catalogue::{outputs_markdown, parameters_markdown, splice};
use protracted::model::outputs::LANCHESTER_SIDE;
use protracted::model::war::{WAR_SIDE, WAR_WORLD};
use std::path::Path;

fn check(file: &str, name: &str, body: &str) {
    let doc = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let fresh = splice(&doc, name, body).unwrap_or_else(|| panic!("{file} has no {name} markers"));
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(file, &fresh).expect("write docs");
        return;
    }
    assert!(doc == fresh, "{file} is out of date: run UPDATE_DOCS=1 cargo test --test it docs");
}

#[test]
fn parameter_tables_in_model_md_match_the_code() {
    let baseline = protracted::scenario::load(Path::new("scenarios/baseline.toml"), &[]).expect("baseline");
    check("docs/MODEL.md", "parameters", &parameters_markdown(&baseline));
}

#[test]
fn output_tables_in_outputs_md_match_the_code() {
    check("docs/OUTPUTS.md", "war-outputs", &outputs_markdown(WAR_WORLD, WAR_SIDE));
    check("docs/OUTPUTS.md", "lanchester-outputs", &outputs_markdown(&[], LANCHESTER_SIDE));
}

#[test]
fn every_scenario_is_described_in_the_scenarios_readme() {
    let classic: Vec<String> = std::fs::read_dir("scenarios/classic")
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let readme = std::fs::read_to_string("scenarios/README.md").expect("scenarios/README.md");
    for entry in std::fs::read_dir("scenarios").expect("dir").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".toml") {
            assert!(readme.contains(&name), "scenarios/README.md does not mention {name}");
        }
    }
    for name in classic {
        assert!(readme.contains(&format!("classic/{name}")), "scenarios/README.md does not mention classic/{name}");
    }
}
