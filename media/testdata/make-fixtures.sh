#!/bin/sh
# make-fixtures.sh regenerates the media fixtures in this folder and prints,
# for each one, the duration a full decode gives (the figures recorded in
# probe_test.go). It needs ffmpeg (Debian: apt-get install ffmpeg); the
# tests themselves do not.
#
# Usage: sh media/testdata/make-fixtures.sh   (from the repository root)
set -eu
cd "$(dirname "$0")"
ff="ffmpeg -hide_banner -loglevel error -y -bitexact"

cat > chapters.ffmeta <<'META'
;FFMETADATA1
title=Fixture Title
artist=Fixture Artist
[CHAPTER]
TIMEBASE=1/1000
START=0
END=1500
title=Intro
[CHAPTER]
TIMEBASE=1/1000
START=1500
END=3200
title=Middle part
[CHAPTER]
TIMEBASE=1/1000
START=3200
END=5000
title=Ünïcode end
META

# A tone for constant-bitrate files; silence then noise for VBR, so that
# the frame bitrates really vary.
tone="sine=frequency=440:sample_rate=44100:duration=5.3"
vary="aevalsrc=exprs='if(lt(t\,2)\,0\,(random(0)*2-1)*0.4)':s=44100:d=4.7"

$ff -f lavfi -i "$tone" -ac 1 -c:a libmp3lame -b:a 64k -write_xing 0 cbr.mp3
$ff -f lavfi -i "sine=frequency=300:sample_rate=22050:duration=6.1" -ac 1 -c:a libmp3lame -b:a 32k -write_xing 0 cbr-mpeg2.mp3
$ff -f lavfi -i "$tone" -ac 1 -c:a libmp3lame -b:a 48k cbr-info.mp3
$ff -f lavfi -i "$vary" -ac 1 -c:a libmp3lame -q:a 7 vbr-xing.mp3
$ff -f lavfi -i "$vary" -ac 1 -c:a libmp3lame -q:a 7 -write_xing 0 vbr-noxing.mp3
$ff -f lavfi -i "sine=frequency=500:sample_rate=44100:duration=5" -i chapters.ffmeta -map_metadata 1 -map_chapters 1 \
	-ac 1 -c:a libmp3lame -b:a 32k -id3v2_version 3 id3v23-chap.mp3
$ff -f lavfi -i "sine=frequency=500:sample_rate=44100:duration=5" -i chapters.ffmeta -map_metadata 1 -map_chapters 1 \
	-ac 1 -c:a libmp3lame -b:a 32k -id3v2_version 4 id3v24-chap.mp3
$ff -f lavfi -i "sine=frequency=500:sample_rate=44100:duration=5" -i chapters.ffmeta -map_metadata 1 -map_chapters 1 \
	-ac 1 -c:a aac -b:a 32k chapters.m4a
# moov before mdat ("fast start"), no chapters: for the chapter writer.
$ff -f lavfi -i "sine=frequency=500:sample_rate=22050:duration=2" -ac 1 -c:a aac -b:a 16k -movflags +faststart \
	-metadata title="Fast Start" faststart.m4a
$ff -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=4.2" -ac 1 -c:a libopus -b:a 24k opus.opus
$ff -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=4.4" -i chapters.ffmeta -map_metadata 1 \
	-ac 1 -c:a libvorbis -q:a 0 vorbis.ogg
$ff -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=3.3" -ac 1 -c:a flac flac.flac
$ff -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=2.7" -ac 1 -c:a pcm_s16le wav.wav
$ff -f lavfi -i "testsrc=size=64x48:rate=10:duration=3" -f lavfi -i "sine=frequency=440:sample_rate=22050:duration=3" \
	-c:v libx264 -crf 45 -preset veryslow -pix_fmt yuv420p -c:a aac -b:a 16k -ac 1 -shortest video.mp4
$ff -f lavfi -i "testsrc=size=64x48:rate=10:duration=2" -f lavfi -i "sine=frequency=440:sample_rate=22050:duration=2" \
	-c:v libx264 -crf 45 -preset veryslow -pix_fmt yuv420p -c:a aac -b:a 16k -ac 1 -shortest -f mov video.mov
rm chapters.ffmeta

# Decoded durations: audio decoded to raw samples and counted.
for f in cbr.mp3 cbr-mpeg2.mp3 cbr-info.mp3 vbr-xing.mp3 vbr-noxing.mp3 id3v23-chap.mp3 id3v24-chap.mp3 \
	chapters.m4a faststart.m4a opus.opus vorbis.ogg flac.flac wav.wav video.mp4 video.mov; do
	rate=$(ffprobe -v error -select_streams a:0 -show_entries stream=sample_rate -of csv=p=0 "$f")
	case $f in *.opus) rate=48000 ;; esac
	bytes=$(ffmpeg -v error -i "$f" -map 0:a:0 -ac 1 -f s16le -c:a pcm_s16le - | wc -c)
	quick=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")
	echo "$f size=$(stat -c %s "$f") decoded_ms=$((bytes / 2 * 1000 / rate)) ffprobe_quick=$quick"
done
