#!/bin/sh
# fetch.sh downloads Apache ECharts from the npm registry, pinned to one
# version, and copies the browser build and its licence files into this
# folder. It stops with a non-zero exit if the downloaded echarts.min.js does
# not have the checksum pinned below.
#
# To move to another version: change VERSION, run the script with
# ECHARTS_SHA256= (empty) to see the new checksum, check the new file, pin the
# printed checksum below, run it again, and update README.md.
set -eu

VERSION=5.6.0
# sha256 of package/dist/echarts.min.js in echarts-$VERSION.tgz.
SHA256=${ECHARTS_SHA256-bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1}

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v npm >/dev/null 2>&1 || { echo "fetch.sh: npm is needed" >&2; exit 1; }

# npm pack fetches the registry tarball and checks it against the registry's
# own integrity hash before writing it.
(cd "$work" && npm pack --silent "echarts@$VERSION" >/dev/null)
tarball="$work/echarts-$VERSION.tgz"
[ -f "$tarball" ] || { echo "fetch.sh: npm pack did not write $tarball" >&2; exit 1; }
tar -xzf "$tarball" -C "$work" \
	package/dist/echarts.min.js package/LICENSE package/NOTICE package/licenses/LICENSE-d3

if command -v sha256sum >/dev/null 2>&1; then
	got=$(sha256sum "$work/package/dist/echarts.min.js" | cut -d' ' -f1)
else
	got=$(shasum -a 256 "$work/package/dist/echarts.min.js" | cut -d' ' -f1)
fi
if [ -z "$SHA256" ]; then
	echo "fetch.sh: no checksum pinned; echarts.min.js $VERSION has sha256 $got" >&2
	exit 1
fi
if [ "$got" != "$SHA256" ]; then
	echo "fetch.sh: CHECKSUM MISMATCH for echarts@$VERSION dist/echarts.min.js" >&2
	echo "  want $SHA256" >&2
	echo "  got  $got" >&2
	echo "  nothing was copied" >&2
	exit 1
fi

cp "$work/package/dist/echarts.min.js" "$here/echarts.min.js"
cp "$work/package/LICENSE" "$here/LICENSE"
cp "$work/package/NOTICE" "$here/NOTICE"
cp "$work/package/licenses/LICENSE-d3" "$here/LICENSE-d3"
echo "fetch.sh: echarts@$VERSION copied to $here (sha256 $got)"
