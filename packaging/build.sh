#!/usr/bin/env bash
# Builds what a training centre installs: the release binary, the Debian package
# (target/debian/jiedai_<version>-1_amd64.deb, via cargo-deb) and a portable archive
# (target/dist/jiedai-<version>-linux-x86_64.tar.gz: bin/ and share/jiedai/, for machines where
# no package can be installed). Usage: packaging/build.sh   (needs cargo-deb and dpkg-dev:
# `cargo install cargo-deb --locked`, `apt-get install dpkg-dev`)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jiedai-target}"
version=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "jiedai"))')

cargo build --release --bin jiedai
# cargo-deb reads the binary from target/release (the asset paths are relative to the
# checkout): point it at the build cache.
mkdir -p target
ln -sfn "$CARGO_TARGET_DIR/release" target/release
cargo deb --no-build --no-strip --output "target/debian/"
deb=$(ls -t target/debian/jiedai_"$version"*_amd64.deb | head -1)

# The portable archive: the same files, laid out as the binary looks for them
# (bin/jiedai finds ../share/jiedai).
name="jiedai-$version-linux-x86_64"
stage="target/dist/$name"
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/share/jiedai/assets/fonts" "$stage/share/jiedai/scenarios" \
  "$stage/share/doc/jiedai/manual" "$stage/share/applications" "$stage/share/icons/hicolor/scalable/apps"
install -m 755 "$CARGO_TARGET_DIR/release/jiedai" "$stage/bin/"
install -m 644 assets/rubric.ron assets/analyser.model "$stage/share/jiedai/assets/"
install -m 644 assets/fonts/wqy-microhei.ttc "$stage/share/jiedai/assets/fonts/"
install -m 644 scenarios/*.ron "$stage/share/jiedai/scenarios/"
install -m 644 packaging/copyright docs/manual.zh.md docs/manual.en.md "$stage/share/doc/jiedai/"
install -m 644 docs/manual/*.png "$stage/share/doc/jiedai/manual/"
install -m 644 packaging/jiedai.desktop "$stage/share/applications/"
install -m 644 packaging/jiedai.svg "$stage/share/icons/hicolor/scalable/apps/"
tar -C target/dist -czf "target/dist/$name.tar.gz" "$name"
echo "$deb"
echo "target/dist/$name.tar.gz"
