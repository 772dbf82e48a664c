package media

import (
	"context"
	"fmt"
	"time"
)

// Bounds on the work done to measure an MP3 whose duration no header
// gives, or whose header disagrees with the file. Whatever the file size
// and whatever it holds after its audio, a probe reads at most about
// mp3ExactScan and a few windows, or mp3Samples windows of
// mp3SampleLen+1,728 bytes and a few more: under 5 MB.
const (
	mp3Window    = 16 << 10  // bytes searched for frames at one offset
	mp3Chain     = 4         // consecutive frames of the stream that make a sure match
	mp3Resync    = 2 << 10   // bytes searched for the stream again after a bad frame
	mp3SmallSpan = 192 << 10 // audio this short is always walked frame by frame
	mp3ExactScan = 4 << 20   // the most audio walked frame by frame
	mp3Samples   = 1024      // regions sampled to estimate a longer VBR stream
	mp3SampleLen = 2 << 10   // bytes whose frames are counted in each region
	mp3JunkWarn  = 512       // non-audio bytes after the audio worth a warning
)

// mp3Measure finds the duration of MPEG audio from its frames, at a cost
// that does not grow with the file: the audio is walked frame by frame
// when short, its end is found by bisection when what follows it is not
// audio, and a long stream is judged from regions sampled across it.
type mp3Measure struct {
	ctx   context.Context
	s     src
	h     mpegHeader // the first frame: the stream's version, layer and rate
	first int64      // the first audio frame
	end   int64      // the end of the file, before ID3v1 and APE tags
	buf   []byte     // reused for every read
}

// near reports whether a byte count measured and one a header claims
// agree: within 1 % or two frames.
func (m *mp3Measure) near(measured, claimed int64) bool {
	tol := max(measured/100, 2*int64(m.h.frameLen))
	d := measured - claimed
	return d <= tol && -d <= tol
}

// window reads up to n bytes at off into the reused buffer.
func (m *mp3Measure) window(off int64, n int) ([]byte, error) {
	if off >= m.end || off < 0 {
		return nil, nil
	}
	n = int(min(int64(n), m.end-off))
	if cap(m.buf) < n {
		m.buf = make([]byte, max(n, mp3Window))
	}
	b := m.buf[:n]
	if k, err := m.s.r.ReadAt(b, off); k < n {
		if err == nil {
			err = fmt.Errorf("short read")
		}
		return nil, fmt.Errorf("read %d bytes at offset %d: %w", n, off, err)
	}
	return b, nil
}

// chainAt returns the offset in b of the first run of mp3Chain frames of
// the stream, one after another, wholly inside b.
func (m *mp3Measure) chainAt(b []byte) (int, bool) {
	for i := 0; i+4 <= len(b); i++ {
		if b[i] != 0xFF {
			continue
		}
		pos, n := i, 0
		for ; n < mp3Chain && pos+4 <= len(b); n++ {
			f, ok := parseMPEGHeader(b[pos:])
			if !ok || !f.sameStream(m.h) {
				break
			}
			pos += f.frameLen
		}
		if n == mp3Chain && pos <= len(b) {
			return i, true
		}
	}
	return 0, false
}

// audioAt returns where a chain of frames starts in the window at off.
func (m *mp3Measure) audioAt(off int64) (int64, bool, error) {
	b, err := m.window(off, mp3Window)
	if err != nil {
		return 0, false, err
	}
	i, ok := m.chainAt(b)
	return off + int64(i), ok, nil
}

// walk is what walking frames one after another found.
type walk struct {
	stop    int64  // the first byte that does not continue the stream, or where the walk was cut off
	samples uint64 // in the frames walked
	bytes   int64  // of the frames walked
	bitrate int    // of every frame walked; 0 when they differ
	cut     bool   // the budget ran out before the frames stopped
}

// add counts frame f in w: its samples, its bytes, and its bitrate (w's
// stays -1 until the first frame, then 0 once two frames differ).
func (w *walk) add(f mpegHeader) {
	w.samples += uint64(f.samples)
	w.bytes += int64(f.frameLen)
	switch w.bitrate {
	case -1:
		w.bitrate = f.bitrate
	case f.bitrate:
	default:
		w.bitrate = 0
	}
}

// walkFrames walks the frames from pos (a frame header) until one does
// not continue the stream, the end, or budget bytes. ID3v2 tags between
// frames (files joined together) are skipped by their size; a bad frame
// is passed when the stream resumes within mp3Resync bytes.
func (m *mp3Measure) walkFrames(pos int64, budget int64) (walk, error) {
	w := walk{bitrate: -1}
	limit := pos + budget
	var b []byte
	bAt := int64(0)
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := m.ctx.Err(); err != nil {
				return w, err
			}
		}
		if pos >= m.end {
			w.stop = m.end
			break
		}
		if pos >= limit {
			w.stop, w.cut = pos, true
			break
		}
		if pos < bAt || pos+10 > bAt+int64(len(b)) {
			var err error
			if b, err = m.window(pos, int(min(64<<10, limit-pos+10))); err != nil {
				return w, err
			}
			bAt = pos
		}
		hb := b[pos-bAt:]
		if len(hb) >= 10 && string(hb[:3]) == "ID3" {
			if size, ok := synchsafe(hb[6:10]); ok {
				pos += 10 + int64(size)
				continue
			}
		}
		f, ok := parseMPEGHeader(hb)
		if !ok || !f.sameStream(m.h) {
			rb, err := m.window(pos, mp3Resync)
			if err != nil {
				return w, err
			}
			i, found := m.chainAt(rb)
			if !found || i == 0 {
				w.stop = pos
				break
			}
			pos += int64(i)
			b = nil
			continue
		}
		if pos+int64(f.frameLen) > m.end {
			w.stop = m.end // a last frame cut short
			break
		}
		w.add(f)
		pos += int64(f.frameLen)
	}
	if w.bitrate < 0 {
		w.bitrate = 0
	}
	return w, nil
}

// audioStop returns where the audio stops: the end of the file when
// frames reach it, otherwise the first byte of what follows the audio,
// found by bisection between frames and non-frames (hint, when inside the
// file, is where a header says the audio ends: it is tried first). It
// reads a few hundred kilobytes at most, whatever the file size.
func (m *mp3Measure) audioStop(hint int64) (int64, error) {
	lo, hi := m.first, max(m.first, m.end-mp3Window)
	at, ok, err := m.audioAt(hi)
	if err != nil {
		return 0, err
	}
	if ok {
		// Frames near the end: walk them to it.
		w, err := m.walkFrames(at, 2*mp3Window)
		return w.stop, err
	}
	if hint > lo+mp3Window && hint < hi {
		if _, ok, err := m.audioAt(hint - mp3Window); err != nil {
			return 0, err
		} else if ok {
			lo = hint - mp3Window
		}
		if _, ok, err := m.audioAt(hint + mp3Window); err != nil {
			return 0, err
		} else if !ok {
			hi = hint + mp3Window
		}
	}
	for hi-lo > mp3Window {
		if err := m.ctx.Err(); err != nil {
			return 0, err
		}
		mid := lo + (hi-lo)/2
		_, ok, err := m.audioAt(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	at, ok, err = m.audioAt(lo)
	if err != nil || !ok {
		return lo, err
	}
	w, err := m.walkFrames(at, hi-at+2*mp3Window)
	return w.stop, err
}

// walkSpan walks every frame from from to to, passing over what is not
// audio (looked through window by window for the stream to resume). It
// returns the frames' total, where the last of them ends, and how many
// bytes between from and that end were not audio.
func (m *mp3Measure) walkSpan(from, to int64) (total walk, last, gaps int64, err error) {
	total.bitrate = -1
	pos := from
	for pos < to {
		w, err := m.walkFrames(pos, to-pos)
		if err != nil {
			return total, 0, 0, err
		}
		if w.bytes > 0 {
			total.samples += w.samples
			total.bytes += w.bytes
			switch {
			case total.bitrate == -1:
				total.bitrate = w.bitrate
			case w.bitrate != total.bitrate:
				total.bitrate = 0
			}
			last = w.stop
		}
		if w.cut || w.stop >= to {
			break
		}
		found := false
		for next := w.stop; next < to && !found; next += mp3Window / 2 {
			at, ok, err := m.audioAt(next)
			if err != nil {
				return total, 0, 0, err
			}
			if ok && at < to {
				pos, found = at, true
			}
		}
		if !found {
			break
		}
	}
	if total.bitrate < 0 {
		total.bitrate = 0
	}
	if last > from {
		gaps = last - from - total.bytes
	}
	return total, last, gaps, nil
}

// measure sets info's duration, bitrate and warnings from the frames
// between m.first and the end of the audio.
func (m *mp3Measure) measure(info *Info) error {
	to := m.end
	if m.end-m.first > mp3SmallSpan {
		stop, err := m.audioStop(-1)
		if err != nil {
			return err
		}
		to = stop
	}
	span := to - m.first
	if span > mp3SmallSpan {
		// One bitrate in eight small regions spread over the audio, each
		// at a varying place in its eighth (evenly spaced ones can all
		// fall on the quiet parts of a stream that alternates): a
		// constant bitrate stream.
		total, err := m.sample(span, 8, mp3Window/4, true)
		if err != nil {
			return err
		}
		if total.bitrate > 0 {
			m.set(info, to, total)
			return nil
		}
	}
	if span <= mp3ExactScan {
		// Short enough: walk every frame.
		w, last, gaps, err := m.walkSpan(m.first, to)
		if err != nil {
			return err
		}
		if w.samples == 0 {
			return corrupt("mp3 frame scan found no frames")
		}
		m.set(info, last, w)
		if gaps >= mp3JunkWarn {
			info.Warnings = append(info.Warnings, fmt.Sprintf("%d bytes inside the audio are not MPEG frames (skipped)", gaps))
		}
		return nil
	}
	// Long and of a variable bitrate: the bytes per second of larger
	// regions give an estimate.
	total, err := m.sample(span, mp3Samples, mp3SampleLen, true)
	if err != nil {
		return err
	}
	if total.samples == 0 || total.bytes == 0 {
		return corrupt("mp3: no frames found in the regions sampled")
	}
	secondsPerByte := float64(total.samples) / float64(m.h.sampleRate) / float64(total.bytes)
	info.Duration = time.Duration(float64(span) * secondsPerByte * float64(time.Second))
	info.DurationSource = "estimate"
	info.Bitrate = bitrateOf(span, info.Duration)
	info.Warnings = append(info.Warnings, fmt.Sprintf(
		"duration estimated from %d regions sampled across the audio: a variable bitrate MP3 without a Xing or VBRI header (podfeed walks at most %d MB frame by frame); re-encode with a Xing header for the exact duration",
		mp3Samples, mp3ExactScan>>20))
	info.Warnings = append(info.Warnings, junkWarning(to, m.end)...)
	return nil
}

// sample walks the frames that start in k windows of n bytes, one in each
// k-th of the span bytes of audio from m.first (with jitter, at a place
// within it that varies from one to the next, so that a stream whose
// bitrate changes at a regular interval cannot fool evenly spaced
// windows), one read each;
// it sums them: bitrate is that of every frame seen, 0 when they differ
// or none was found. Counting the frames that start in a window, the last
// one read to its end, weighs large and small frames fairly (cutting at
// the window's end would drop large frames more often than small ones).
// On a 40-minute VBR file whose bitrate swings fourfold every 5 minutes,
// 1,024 windows of 2 KB give the duration within 0.2 %.
func (m *mp3Measure) sample(span int64, k int, n int, jitter bool) (walk, error) {
	const maxFrame = 1728 // the longest MPEG audio frame: layer II, 384 kbit/s, 32 kHz
	var total walk
	total.bitrate = -1
	stratum := span / int64(k)
	for i := range int64(k) {
		if err := m.ctx.Err(); err != nil {
			return total, err
		}
		off := m.first + span*i/int64(k)
		if free := stratum - int64(n) - maxFrame; jitter && free > 0 {
			// A fixed pseudo-random place in the stratum (the same file
			// always gives the same figure), 4 KB aligned so that a remote
			// reader's blocks are not straddled needlessly.
			off = max(m.first, (off+int64(uint64(i+1)*0x9E3779B97F4A7C15>>11)%free)&^(4<<10-1))
		}
		b, err := m.window(off, n+maxFrame)
		if err != nil {
			return total, err
		}
		at, ok := m.chainAt(b)
		if !ok {
			continue
		}
		for pos := at; pos < n && pos+4 <= len(b); {
			f, ok := parseMPEGHeader(b[pos:])
			if !ok || !f.sameStream(m.h) || pos+f.frameLen > len(b) {
				break
			}
			total.add(f)
			pos += f.frameLen
		}
	}
	if total.bitrate < 0 {
		total.bitrate = 0
	}
	return total, nil
}

// set gives info the duration of the audio from m.first to stop: from the
// bitrate when every frame has the same, else from the frames walked.
func (m *mp3Measure) set(info *Info, stop int64, w walk) {
	if w.bitrate > 0 {
		info.Duration = time.Duration(float64(stop-m.first) * 8 / float64(w.bitrate) * float64(time.Second))
		info.DurationSource = "cbr"
		info.Bitrate = w.bitrate
	} else {
		info.Duration = samplesToDuration(w.samples, uint64(m.h.sampleRate))
		info.DurationSource = "scan"
		info.Bitrate = bitrateOf(stop-m.first, info.Duration)
	}
	info.Warnings = append(info.Warnings, junkWarning(stop, m.end)...)
}

// junkWarning describes the bytes from stop to end that are not audio.
func junkWarning(stop, end int64) []string {
	if end-stop < mp3JunkWarn {
		return nil
	}
	return []string{fmt.Sprintf("the last %d bytes (from offset %d) are not MPEG audio: the duration covers the audio before them", end-stop, stop)}
}
