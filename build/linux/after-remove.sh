#!/bin/sh
# The journal in the user's data dir is never deleted (GoBD retention); only the udev rule goes.
rm -f /etc/udev/rules.d/99-tresen.rules
command -v udevadm >/dev/null 2>&1 && udevadm control --reload-rules || true
