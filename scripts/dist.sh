#!/usr/bin/env bash
# Builds what a classroom or a packager takes, into target/dist/:
#
#   pidns-tutor-VERSION-ARCH-linux          one static binary (glibc, static-pie, stripped):
#                                           copy this one file to the lab machines
#   pidns-tutor-VERSION-ARCH-linux.sha256   its checksum (sha256sum -c checks it)
#   pidns-tutor_VERSION-1_ARCH.deb          the Debian package (cargo-deb), unless --no-deb
#   share/                                  man pages and bash/zsh/fish completions, made by
#                                           that binary from its own command line (the .deb
#                                           holds them too)
#
# The binary needs nothing on the machine but a Linux kernel (with unprivileged user
# namespaces, for an ordinary user), /proc and /dev/null: no libc, no /etc, no terminfo.
# (getpwuid_r, and with it glibc's NSS code, is still linked in from a library, but the
# program never calls it: progress finds its directory from XDG_STATE_HOME or HOME only.
# tests/static_binary.rs runs it with an empty environment where there is no /etc.)
set -euo pipefail
cd "$(dirname "$0")/.."

deb=1
case "${1:-}" in
  --no-deb) deb=0 ;;
  "") ;;
  *) echo "usage: scripts/dist.sh [--no-deb]" >&2; exit 2 ;;
esac

target=$(rustc -vV | sed -n 's/^host: //p')
version=$(cargo metadata --no-deps --format-version 1 --locked |
  sed -n 's/.*"name":"pidns-tutor","version":"\([^"]*\)".*/\1/p')
out=target/dist
name="pidns-tutor-$version-${target%%-*}-linux"

# --target keeps the flag off build scripts and proc macros, which must stay dynamic.
echo "== static build for $target"
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" \
  cargo build --release --locked --target "$target"
bin="target/$target/release/pidns-tutor"
if readelf -d "$bin" | grep -q NEEDED; then
  echo "dist: $bin still needs shared libraries:" >&2
  readelf -d "$bin" | grep NEEDED >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
cp "$bin" "$out/$name"
(cd "$out" && sha256sum "$name" >"$name.sha256")

# The pages and completions, from the same clap::Command the binary parses with.
echo "== man pages and completions"
share="$out/share"
"$bin" man --dir "$share/man/man1" 2>/dev/null
mkdir -p "$share/bash-completion/completions" "$share/zsh/vendor-completions" \
  "$share/fish/vendor_completions.d"
"$bin" completions bash >"$share/bash-completion/completions/pidns-tutor"
"$bin" completions zsh >"$share/zsh/vendor-completions/_pidns-tutor"
"$bin" completions fish >"$share/fish/vendor_completions.d/pidns-tutor.fish"

if [ "$deb" = 1 ]; then
  echo "== Debian package"
  if ! command -v cargo-deb >/dev/null 2>&1; then
    echo "dist: cargo-deb is missing: cargo install cargo-deb --locked (or use --no-deb)" >&2
    exit 1
  fi
  # The binary above, as built (already stripped by the release profile).
  cargo deb --no-build --no-strip --locked --target "$target" --output "$out"
fi

echo "== target/dist"
ls -l "$out"
