#!/usr/bin/env bash
# `make size-floor`: how small can the stack alone be? Builds cumulative
# probe apps (a textarea whose input each library really processes; see
# main.rs) exactly as `make dist` builds the editor (trunk --release, the
# same profile, versions from Cargo.lock, wasm-opt -Oz), and prints the
# gzipped sizes. Build output goes to target/size-floor/. Takes a while:
# one LTO build per row.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/target/env.sh"
out="$repo/target/size-floor"
mkdir -p "$out"
names=(yew-only +pulldown-cmark +html5gum +serde_yaml +toml_edit+serde_json +zip)
features=('' pulldown html5gum serde_yaml toml_json zip)
deps=(
  ''
  'pulldown-cmark = { version = "0.13", default-features = false, features = ["html"], optional = true }'
  'html5gum = { version = "0.9", default-features = false, optional = true }'
  'serde_yaml = { version = "0.9", optional = true }'
  'toml_edit = { version = "0.22", default-features = false, features = ["parse", "display"], optional = true }
serde_json = { version = "1", default-features = false, features = ["std", "preserve_order"], optional = true }'
  'zip = { version = "7", default-features = false, optional = true }'
)
featdefs=('' 'pulldown = ["dep:pulldown-cmark"]' 'html5gum = ["dep:html5gum"]' 'serde_yaml = ["dep:serde_yaml"]'
  'toml_json = ["dep:toml_edit", "dep:serde_json"]' 'zip = ["dep:zip"]')
rows=()
for i in "${!names[@]}"; do
  d="$out/v$i"
  mkdir -p "$d/src"
  cp "$here/main.rs" "$d/src/main.rs"
  cp "$here/index.html" "$here/Trunk.toml" "$repo/Cargo.lock" "$d/"
  on=$(for ((j = 1; j <= i; j++)); do printf '"%s",' "${features[$j]}"; done)
  {
    printf '[package]\nname = "floor-app"\nversion = "0.1.0"\nedition = "2021"\n\n[workspace]\n\n'
    printf '[dependencies]\nyew = { version = "0.23", features = ["csr"] }\nwasm-bindgen = "=0.2.130"\n'
    printf 'web-sys = { version = "0.3", features = ["HtmlTextAreaElement", "InputEvent", "EventTarget"] }\n'
    for ((j = 1; j <= i; j++)); do printf '%s\n' "${deps[$j]}"; done
    printf '\n[features]\ndefault = [%s]\n' "${on%,}"
    for ((j = 1; j <= i; j++)); do printf '%s\n' "${featdefs[$j]}"; done
    printf '\n'
    printf '[profile.release]\nopt-level = "z"\nlto = true\ncodegen-units = 1\npanic = "abort"\n'
  } > "$d/Cargo.toml"
  echo "building ${names[$i]} ..." >&2
  (cd "$d" && CARGO_TARGET_DIR="$out/target" trunk build --release > "$d/build.log" 2>&1) ||
    { echo "build failed: $d/build.log" >&2; exit 1; }
  w="$d/dist/floor-app_bg.wasm"
  j="$d/dist/floor-app.js"
  rows+=("$(printf '%-22s %9d %9d %9d' "${names[$i]}" "$(wc -c < "$w")" "$(gzip -9c "$w" | wc -c)" "$(gzip -9c "$j" | wc -c)")")
done
echo
echo "The stack alone, cumulative (bytes; gzip -9 as make bench measures):"
printf '%-22s %9s %9s %9s\n' "probe" "wasm" "wasm gz" "JS gz"
printf '%s\n' "${rows[@]}"
