//! What the doctor asks the operating system. **The Linux-specific code of the doctor lives
//! here, and only here** (pcscd's socket, systemd, the CCID bundle, USB in sysfs, package
//! versions); on Windows and macOS the smart card service and the class driver are part of the
//! system, so those questions have fixed answers. The advice that differs per system (which
//! commands to run) is in [`super::fixes`].

use std::path::PathBuf;
use std::process::Command;

/// What the system says about the smart card service, beyond "can we talk to it".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceProbe {
    /// Where the service's socket is (pcsc-lite); `None` where there is no such thing.
    pub socket: Option<PathBuf>,
    pub socket_exists: bool,
    /// The service's program is installed.
    pub installed: bool,
    /// `systemctl is-enabled pcscd.socket`: `Some(true)` enabled, `Some(false)` not, `None` no
    /// systemd to ask.
    pub socket_activation: Option<bool>,
    /// Somebody accepts connections on the socket: `Some(false)` when the connection is refused
    /// (a socket left behind by a service that crashed), `None` when not asked or no answer
    /// ([`socket_listening`]).
    pub listening: Option<bool>,
    /// Which system's advice applies.
    pub os: super::fixes::Os,
}

#[cfg(target_os = "linux")]
pub fn service_probe() -> ServiceProbe {
    // The client library's own rule: PCSCLITE_CSOCK_NAME, else the compiled-in path.
    let socket = std::env::var_os("PCSCLITE_CSOCK_NAME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/run/pcscd/pcscd.comm"));
    let socket_exists = socket.exists();
    let installed =
        ["/usr/sbin/pcscd", "/usr/bin/pcscd", "/sbin/pcscd"].iter().any(|p| std::path::Path::new(p).exists());
    let socket_activation = output("systemctl", &["is-enabled", "pcscd.socket"]).and_then(|(ok, out)| {
        let word = out.trim();
        match word {
            "enabled" | "enabled-runtime" | "static" | "indirect" | "alias" => Some(true),
            "disabled" | "masked" | "masked-runtime" | "linked" => Some(false),
            // "not-found", or systemd not running (containers): nothing to say.
            _ if ok => Some(true),
            _ => None,
        }
    });
    ServiceProbe {
        socket: Some(socket),
        socket_exists,
        installed,
        socket_activation,
        ..ServiceProbe::default()
    }
}

/// Whether anybody listens on the service's socket: a connection accepted (then closed at once:
/// pcscd drops a client that says nothing) is `Some(true)`; "connection refused", a socket file
/// with no process behind it, is `Some(false)`; anything else (no permission) says nothing.
#[cfg(unix)]
pub fn socket_listening(socket: &std::path::Path) -> Option<bool> {
    match std::os::unix::net::UnixStream::connect(socket) {
        Ok(_) => Some(true),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => Some(false),
        Err(_) => None,
    }
}

#[cfg(not(unix))]
pub fn socket_listening(_socket: &std::path::Path) -> Option<bool> {
    None
}

#[cfg(not(target_os = "linux"))]
pub fn service_probe() -> ServiceProbe {
    // Windows (SCardSvr) and macOS (CryptoTokenKit) ship the service with the system.
    ServiceProbe { socket: None, socket_exists: false, installed: true, ..ServiceProbe::default() }
}

/// The CCID driver: `Some(version or "")` when installed, `None` when missing. On Windows and
/// macOS the class driver is part of the system.
#[cfg(target_os = "linux")]
pub fn ccid_driver() -> Option<String> {
    let plist = ccid_plist()?;
    let text = std::fs::read_to_string(plist).ok()?;
    Some(plist_string_after(&text, "CFBundleShortVersionString").unwrap_or_default())
}

#[cfg(not(target_os = "linux"))]
pub fn ccid_driver() -> Option<String> {
    Some(String::new())
}

#[cfg(target_os = "linux")]
fn ccid_plist() -> Option<PathBuf> {
    ["/usr/lib/pcsc/drivers", "/usr/lib64/pcsc/drivers", "/usr/local/lib/pcsc/drivers"]
        .iter()
        .map(|d| PathBuf::from(d).join("ifd-ccid.bundle/Contents/Info.plist"))
        .find(|p| p.exists())
}

/// The reader names the CCID driver knows (its Info.plist `ifdFriendlyName` list).
#[cfg(target_os = "linux")]
pub fn ccid_known_readers() -> Vec<String> {
    let Some(text) = ccid_plist().and_then(|p| std::fs::read_to_string(p).ok()) else {
        return Vec::new();
    };
    let Some(start) = text.find("<key>ifdFriendlyName</key>") else {
        return Vec::new();
    };
    let rest = &text[start..];
    let end = rest.find("</array>").unwrap_or(rest.len());
    rest[..end]
        .split("<string>")
        .skip(1)
        .filter_map(|s| s.split("</string>").next())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(not(target_os = "linux"))]
pub fn ccid_known_readers() -> Vec<String> {
    Vec::new()
}

#[cfg(target_os = "linux")]
fn plist_string_after(text: &str, key: &str) -> Option<String> {
    let at = text.find(&format!("<key>{key}</key>"))?;
    let rest = &text[at..];
    let s = rest.find("<string>")? + "<string>".len();
    let e = rest[s..].find("</string>")? + s;
    Some(rest[s..e].trim().to_owned())
}

/// USB interfaces of the smart card class (0x0B) the kernel sees, bound to a driver or not:
/// a reader that is plugged in but absent from the service's list has no driver.
#[cfg(target_os = "linux")]
pub fn usb_ccid_interfaces() -> usize {
    let Ok(dir) = std::fs::read_dir("/sys/bus/usb/devices") else {
        return 0;
    };
    dir.filter_map(Result::ok)
        .filter(|e| {
            std::fs::read_to_string(e.path().join("bInterfaceClass"))
                .is_ok_and(|c| c.trim().eq_ignore_ascii_case("0b"))
        })
        .count()
}

#[cfg(not(target_os = "linux"))]
pub fn usb_ccid_interfaces() -> usize {
    0
}

/// Versions of the other programs involved: (name, version or `None` when not found).
pub fn versions() -> Vec<(&'static str, Option<String>)> {
    vec![
        ("pcsc-lite", pcsc_lite_version()),
        ("ccid", ccid_driver().filter(|v| !v.is_empty())),
        ("OpenSC", opensc_version()),
    ]
}

#[cfg(target_os = "linux")]
fn pcsc_lite_version() -> Option<String> {
    package_version("pcscd").or_else(|| package_version("libpcsclite1"))
}

#[cfg(not(target_os = "linux"))]
fn pcsc_lite_version() -> Option<String> {
    None
}

/// The installed version of a Debian package (dpkg), or of an RPM one.
#[cfg(target_os = "linux")]
fn package_version(pkg: &str) -> Option<String> {
    output("dpkg-query", &["-W", "-f", "${Version}", pkg])
        .filter(|(ok, v)| *ok && !v.trim().is_empty())
        .or_else(|| output("rpm", &["-q", "--qf", "%{VERSION}-%{RELEASE}", pkg]).filter(|(ok, _)| *ok))
        .map(|(_, v)| v.trim().to_owned())
}

/// `opensc-tool --info` prints "OpenSC 0.23.0 [gcc 12.2.0]" on every platform.
fn opensc_version() -> Option<String> {
    let (ok, out) = output("opensc-tool", &["--info"])?;
    if !ok {
        return None;
    }
    let line = out.lines().next()?.trim();
    line.strip_prefix("OpenSC")
        .map(|v| v.trim().split(' ').next().unwrap_or("").to_owned())
        .filter(|v| !v.is_empty())
}

/// Runs a program with no input; (succeeded, stdout). `None` when it cannot be run.
fn output(program: &str, args: &[&str]) -> Option<(bool, String)> {
    let out = Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    Some((out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned()))
}

/// The operating system, for the report.
pub fn os_name() -> String {
    #[cfg(target_os = "linux")]
    if let Ok(text) = std::fs::read_to_string("/etc/os-release")
        && let Some(name) = text.lines().find_map(|l| l.strip_prefix("PRETTY_NAME="))
    {
        return format!("{} ({})", name.trim_matches('"'), std::env::consts::ARCH);
    }
    format!("{} ({})", std::env::consts::OS, std::env::consts::ARCH)
}
