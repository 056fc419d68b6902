//! The file system says no: a read-only config dir, a config dir that is a file, a full disk.
//! Each is one clear error, and the progress already saved stays exactly as it was.

#[cfg(unix)]
use std::path::{Path, PathBuf};
#[cfg(unix)]
use std::process::Command;

use crate::common::Lpath;

#[cfg(unix)]
/// Runs a change that cannot be saved: one error saying `message`, the progress file exactly as
/// it was, and no temporary file left behind.
#[track_caller]
fn save_fails_and_keeps_progress(lp: &Lpath, message: &str) -> crate::common::Run {
    let before = lp.progress().unwrap();
    let run = lp.run(&["done", "roberta"]).failure(1);
    run.stderr_has(message);
    assert_eq!(lp.progress().unwrap(), before);
    assert_eq!(lp.temp_files(), Vec::<String>::new());
    run
}

#[cfg(unix)]
fn can_create_in(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let created = std::fs::write(&probe, "").is_ok();
    let _ = std::fs::remove_file(probe);
    created
}

#[cfg(unix)]
/// Makes a directory read-only for as long as it lives: permission bits, or, for root (whom
/// bits do not stop), the immutable attribute. `None` when neither works here.
struct ReadOnly {
    dir: PathBuf,
    immutable: bool,
}

#[cfg(unix)]
impl ReadOnly {
    fn make(dir: &Path) -> Option<ReadOnly> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).ok()?;
        let mut guard = ReadOnly {
            dir: dir.to_path_buf(),
            immutable: false,
        };
        if can_create_in(dir) {
            let set = Command::new("chattr").arg("+i").arg(dir).output();
            guard.immutable = set.is_ok_and(|out| out.status.success());
            if !guard.immutable || can_create_in(dir) {
                return None;
            }
        }
        Some(guard)
    }
}

#[cfg(unix)]
impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.dir).output();
        }
        let _ = std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o755));
    }
}

#[cfg(unix)]
/// A tiny tmpfs mounted for as long as it lives, to fill up on purpose.
struct SmallDisk {
    dir: PathBuf,
}

#[cfg(unix)]
impl SmallDisk {
    fn mount(dir: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(dir).ok()?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .ok()?;
        out.status.success().then(|| SmallDisk {
            dir: dir.to_path_buf(),
        })
    }
}

#[cfg(unix)]
impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).output();
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_config_dir_is_a_clear_error_the_old_file_stays_and_reading_still_works() {
    let lp = Lpath::new();
    lp.run(&["done", "bert"]).success();
    let Some(_read_only) = ReadOnly::make(lp.config_dir()) else {
        // A right (not a tool) that a CI container may lack: said on the terminal, never silent.
        crate::common::say_skipped(
            "cannot make a read-only directory here (root without chattr +i)",
        );
        return;
    };
    // The undo journal is saved first, so it is the first write to be refused.
    let message = format!(
        "cannot save undo history to `{}`",
        lp.history_path().display()
    );
    save_fails_and_keeps_progress(&lp, &message).stderr_has("nothing was changed");

    let list = lp.run(&["list"]).success();
    list.stdout_has("1/140 read");
    let doctor = lp.run(&["doctor"]).failure(1);
    doctor.stdout_has("✗ config dir");
    doctor.stdout_has("is not writable");
}

#[cfg(unix)]
#[test]
fn a_read_only_config_dir_without_a_lock_file_yet_is_a_clear_error() {
    let lp = Lpath::new();
    std::fs::create_dir_all(lp.config_dir()).unwrap();
    let Some(_read_only) = ReadOnly::make(lp.config_dir()) else {
        // A right (not a tool) that a CI container may lack: said on the terminal, never silent.
        crate::common::say_skipped(
            "cannot make a read-only directory here (root without chattr +i)",
        );
        return;
    };
    let run = lp.run(&["done", "bert"]).failure(1);
    run.stderr_has("progress.lock");
    run.stderr_has("hint: ");
    assert!(lp.files().is_empty(), "{:?}", lp.files());
}

#[test]
fn a_config_dir_that_is_a_file_is_a_clear_error_and_the_file_stays() {
    let lp = Lpath::new();
    std::fs::write(lp.config_dir(), "my notes, not a directory").unwrap();
    for args in [&["list"][..], &["next"], &["done", "bert"]] {
        lp.run(args)
            .failure(1)
            .stderr_has(&format!(
                "config dir `{}` is a file, not a directory",
                lp.config_dir().display()
            ))
            .stderr_has("LPATH_CONFIG_DIR");
        assert_eq!(
            std::fs::read_to_string(lp.config_dir()).unwrap(),
            "my notes, not a directory"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_config_dir_that_is_a_dangling_symlink_names_the_link_and_its_target() {
    let lp = Lpath::new();
    let target = lp.root().join("unmounted/lpath");
    std::os::unix::fs::symlink(&target, lp.config_dir()).unwrap();
    for args in [
        &["list"][..],
        &["done", "bert"],
        &["reset", "--all", "--yes"],
    ] {
        lp.run(args).failure(1).stderr_has(&format!(
            "lpath: error: config dir `{}` is a symlink to `{}`, which does not exist\n",
            lp.config_dir().display(),
            target.display()
        ));
        assert!(!target.exists(), "{args:?} created the target");
        assert!(lp.config_dir().is_symlink());
    }
}

#[cfg(unix)]
#[test]
fn a_full_disk_during_a_save_is_a_clear_error_and_the_old_file_stays() {
    let lp = Lpath::new();
    let Some(_disk) = SmallDisk::mount(lp.config_dir(), "256k") else {
        crate::common::say_skipped(
            "cannot mount a small tmpfs here (needs root and mount rights); store.rs's failing-writer unit tests cover a full disk",
        );
        return;
    };
    // A file that fits once but not twice, so the save's temporary copy runs out of room.
    let text = crate::common::records_no_catalog_knows(1500);
    assert!((130_000..200_000).contains(&text.len()), "{}", text.len());
    lp.write_progress(&text);
    let message = format!(
        "cannot save progress to `{}`: no space left on device",
        lp.progress_path().display()
    );
    save_fails_and_keeps_progress(&lp, &message).stderr_has("previous progress is untouched");
}
