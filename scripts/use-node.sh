# Sourced by .ci/run and scripts/quickstart.sh: puts a Node.js >= 22.12 on PATH.
# When the system's node is older (or missing), Node 24 is fetched once from the npm registry
# (the node-linux-<arch> package, which carries the official binary) into a cache folder.
OPSBOOK_NODE_VERSION="${OPSBOOK_NODE_VERSION:-24.21.0}"
OPSBOOK_CACHE="${OPSBOOK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/opsbook}"

opsbook_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! opsbook_node_ok; then
  case "$(uname -m)" in
    x86_64|amd64) opsbook_arch=x64 ;;
    aarch64|arm64) opsbook_arch=arm64 ;;
    *) echo "use-node: no Node.js build for $(uname -m); install Node.js 24 yourself" >&2; return 1 ;;
  esac
  opsbook_node_dir="$OPSBOOK_CACHE/node-v$OPSBOOK_NODE_VERSION-linux-$opsbook_arch"
  if [ ! -x "$opsbook_node_dir/bin/node" ]; then
    command -v npm >/dev/null 2>&1 || { echo "use-node: npm is needed to fetch Node.js $OPSBOOK_NODE_VERSION" >&2; return 1; }
    echo "use-node: fetching Node.js $OPSBOOK_NODE_VERSION from the npm registry into $opsbook_node_dir" >&2
    opsbook_tmp="$(mktemp -d)"
    (cd "$opsbook_tmp" && npm pack --silent "node-linux-$opsbook_arch@$OPSBOOK_NODE_VERSION" >/dev/null) || { rm -rf "$opsbook_tmp"; return 1; }
    mkdir -p "$opsbook_tmp/unpacked" "$OPSBOOK_CACHE"
    tar -xzf "$opsbook_tmp"/node-linux-*.tgz -C "$opsbook_tmp/unpacked"
    rm -rf "$opsbook_node_dir"
    mv "$opsbook_tmp/unpacked/package" "$opsbook_node_dir"
    rm -rf "$opsbook_tmp"
  fi
  export PATH="$opsbook_node_dir/bin:$PATH"
fi
echo "use-node: node $(node --version) at $(command -v node), npm $(npm --version 2>/dev/null)" >&2
