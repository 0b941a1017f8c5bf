#!/bin/sh
# Installs the udev rule for POS devices. The till's login user must be in the dialout, plugdev and lp
# groups (usermod -aG dialout,plugdev,lp <user>; log out and in again) — see README "Packaging".
set -e
RULES_SRC="/opt/Tresen/resources/udev/99-tresen.rules"
if [ -f "$RULES_SRC" ]; then
  install -m 0644 "$RULES_SRC" /etc/udev/rules.d/99-tresen.rules
  if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules || true
    udevadm trigger || true
  fi
fi
echo "Tresen: add the till user to the groups dialout, plugdev and lp: usermod -aG dialout,plugdev,lp <user>"
