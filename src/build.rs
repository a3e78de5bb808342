//! Build script (kept in src/ so the top level stays as the project lays it
//! out). For Windows targets only: embeds the app icon and the Vietnamese
//! product name and version in the .exe's properties (Explorer shows them,
//! and so does Windows' "Open with" list).

fn main() {
    println!("cargo:rerun-if-changed=assets/windows/thidua.ico");
    println!("cargo:rerun-if-changed=src/build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    // Cross-compiling from Linux: mingw's windres, not the host's.
    if std::env::var("HOST").is_ok_and(|h| !h.contains("windows")) {
        res.set_toolkit_path("/usr/bin");
        res.set_windres_path("x86_64-w64-mingw32-windres");
        res.set_ar_path("x86_64-w64-mingw32-ar");
    }
    res.set_icon("assets/windows/thidua.ico");
    res.set("ProductName", "Sổ Thi Đua");
    res.set(
        "FileDescription",
        "Sổ Thi Đua — sổ theo dõi thi đua của cụm thi đua các trường chính trị",
    );
    res.set("CompanyName", "Sổ Thi Đua");
    res.set("LegalCopyright", "Giấy phép MIT");
    res.set("OriginalFilename", "thidua.exe");
    res.set_language(0x042A); // Vietnamese
    if let Err(e) = res.compile() {
        // A missing windres must not hide behind a silent icon-less build.
        panic!("không nhúng được biểu tượng và thông tin phiên bản: {e}");
    }
}
