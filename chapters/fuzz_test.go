package chapters

import (
	"bytes"
	"testing"
)

// maxFuzzInput keeps fuzz inputs small enough to run fast; the readers
// themselves cap inputs at MaxInput.
const maxFuzzInput = 64 << 10

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"00:00 Intro\n03:00 Topic\n1:02:03 Late\n",
		"- Intro [00.00]\n- Topic [03.00]\n",
		"<p>00:00 <a href=\"https://e.org\">A</a><br>01:00 B</p>",
		"(00:00)\n\nWelcome\n(01:00)\n\nNews\n",
		"[12:34](https://youtu.be/x?t=754) Title\n[13:00](x) Next\n",
		"180.000000\t180.000000\tA\n200.000000\t200.000000\tB\n",
		"Alban (00:21): hi\n",
		"![img](x) [a [b]](c) <a href='x'>y</a> &amp; &#x;",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		fs := Extract(data)
		if len(fs) == 1 {
			t.Fatalf("Extract returned a lone chapter: %+v", fs)
		}
		lines := bytes.Count(data, []byte{'\n'}) + 1
		for _, x := range fs {
			if x.Line < 1 || x.Line > lines || x.Col < 1 || x.Start < 0 {
				t.Fatalf("bad position or start: %+v", x)
			}
		}
	})
}

// fuzzReader checks that a reader never panics and that what it reads
// can be written and read back.
func fuzzReader(f *testing.F, format Format, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	var b bytes.Buffer
	if format.Writable() {
		_ = Encode(&b, format, sample(), EncodeOptions{Duration: 4000000})
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		chs, err := DecodeFormat(data, format)
		if err != nil || !format.Writable() {
			return
		}
		var out bytes.Buffer
		if err := Encode(&out, format, chs, EncodeOptions{Duration: maxMS}); err != nil {
			t.Fatalf("Encode after a clean Decode: %v", err)
		}
		again, err := DecodeFormat(out.Bytes(), format)
		if err != nil {
			t.Fatalf("Decode of our own output: %v\n%s", err, out.String())
		}
		if len(again) != len(chs) {
			t.Fatalf("re-read %d chapters, wrote %d:\n%s", len(again), len(chs), out.String())
		}
	})
}

func FuzzDecodePodloveJSON(f *testing.F) {
	fuzzReader(f, FormatPodloveJSON, `[{"start":"00:00:00.000","title":"A","href":"","image":""},{"start":12.5}]`)
}

func FuzzDecodePodcastJSON(f *testing.F) {
	fuzzReader(f, FormatPodcastJSON, `{"version":"1.2.0","chapters":[{"startTime":0,"toc":false,"location":{"name":"x","geo":"geo:1,2"}}]}`)
}

func FuzzDecodePSC(f *testing.F) {
	fuzzReader(f, FormatPSC, `<rss><item><psc:chapters xmlns:psc="http://podlove.org/simple-chapters"><psc:chapter start="1:02:03.5" title="A"/></psc:chapters></item></rss>`)
}

func FuzzDecodeMP4Chaps(f *testing.F) {
	fuzzReader(f, FormatMP4Chaps, "# c\n00:00:00.000 A <https://x>\nCHAPTER01=00:00:01.000\nCHAPTER01NAME=B\n")
}

func FuzzDecodeWebVTT(f *testing.F) {
	fuzzReader(f, FormatWebVTT, "WEBVTT\n\nNOTE x\n\nid\n00:00.000 --> 00:01.000\n<b>A</b> &amp;\n")
}

func FuzzDecodeAudacity(f *testing.F) {
	fuzzReader(f, FormatAudacity, "0,5\t1,5\tA\n\\\t1\t2\n3 3 B c\n")
}

func FuzzDecodeCUE(f *testing.F) {
	fuzzReader(f, FormatCUE, "FILE \"a\" MP3\nTRACK 01 AUDIO\nTITLE \"A\"\nINDEX 00 00:00:00\nINDEX 01 00:01:74\n")
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"[]", "{}", "<x/>", "WEBVTT\n", "00:00.000 A", "1.0\t2.0\tA", "REM x", "CHAPTER01=00:00:00.000"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		_, _, _ = Decode(data)
	})
}
