//! The README documents what the code does: its profile table is the one the binary prints.

use std::process::Command;

#[test]
fn readme_profile_table_matches_the_builtin_profiles() {
    let out = Command::new(env!("CARGO_BIN_EXE_emotics")).args(["profiles", "--markdown"]).output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.contains(&table), "README.md's profile table is stale: paste `emotics profiles --markdown`");
    let rows = table.lines().count() - 2;
    assert!(
        readme.contains(&format!("all {rows} profiles")),
        "README.md states another number of profiles than {rows}"
    );
}
