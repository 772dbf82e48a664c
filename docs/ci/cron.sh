#!/usr/bin/env bash
# Rebuild the show every hour and publish it only when the build and the
# validation pass. crontab -e:
#   7 * * * * /srv/shows/lantern-hour/cron.sh >>/var/log/podfeed.log 2>&1
set -euo pipefail
cd /srv/shows/lantern-hour
git pull --quiet --ff-only
# Writes are atomic and an unchanged show gives the same bytes; a build
# that would drop an episode or move a GUID stops with exit 1.
podfeed build --quiet .
podfeed validate --fail-on error public/feed.xml
# --delay-updates: the new files appear together at the end of the transfer.
rsync -a --delay-updates public/ www@feeds.example.com:/var/www/feeds/lantern-hour/
