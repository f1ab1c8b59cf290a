#!/usr/bin/env bash
# Installs what adalab needs beyond the Swift toolchain, only when it is missing:
# libedit-dev (the line editor the shell is built on) and tmux (the real-terminal tests).
set -euo pipefail

missing=()
pkg-config --exists libedit 2>/dev/null || missing+=(libedit-dev)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} with apt-get" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
