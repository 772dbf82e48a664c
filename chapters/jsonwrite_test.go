package chapters

import (
	"bytes"
	"encoding/json"
	"testing"
)

// refJSON is the reference: encoding/json over the output structs.
func refJSON(t testing.TB, f Format, chs []Chapter) []byte {
	var b bytes.Buffer
	var v any
	switch f {
	case FormatPodloveJSON:
		out := make([]podloveOut, 0, len(chs))
		for _, c := range chs {
			out = append(out, podloveOut{Start: FormatNPT(c.Start), Title: c.Title, Href: c.URL, Image: c.Image})
		}
		v = out
	default:
		pf := pciFile{Version: PodcastJSONVersion, Chapters: make([]pciOut, 0, len(chs))}
		for _, c := range chs {
			o := pciOut{StartTime: json.Number(formatSeconds(c.Start)), Img: c.Image, URL: c.URL, TOC: c.TOC}
			if c.Title != "" || c.Listed() {
				tt := c.Title
				o.Title = &tt
			}
			if c.End != 0 {
				o.EndTime = json.Number(formatSeconds(c.End))
			}
			if c.Location != nil {
				l := pciLocation(*c.Location)
				o.Location = &l
			}
			pf.Chapters = append(pf.Chapters, o)
		}
		v = pf
	}
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func checkJSONWriters(t testing.TB, chs []Chapter) {
	for _, f := range []Format{FormatPodloveJSON, FormatPodcastJSON} {
		var got bytes.Buffer
		if f == FormatPodloveJSON {
			writePodloveJSON(&got, chs)
		} else {
			writePodcastJSON(&got, chs)
		}
		if want := refJSON(t, f, chs); !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("%s writer differs from encoding/json:\ngot:\n%s\nwant:\n%s", f, got.Bytes(), want)
		}
	}
}

func TestJSONWritersMatchEncodingJSON(t *testing.T) {
	no := false
	cases := [][]Chapter{
		nil,
		{{Start: 0, Title: "Intro"}},
		{{Start: 61500, End: 90250, Title: `Quotes "x" \ back/slash <b>&amp;</b>`, URL: "https://e.org/?a=1&b=2", Image: "https://e.org/i.jpg"}},
		{{Start: 1, Title: "", TOC: &no}, {Start: 2000, Title: ""}},
		{{Start: 3723004, Title: "ctl \x00\x01\b\f\n\r\t\x1f end", Location: &Location{Name: "Café", Geo: "geo:1,2", OSM: "R1"}}},
		{{Start: 5, Title: "bad \xff utf8 \u2028 \u2029 é 😀", Location: &Location{Name: "", Geo: ""}}},
	}
	for _, chs := range cases {
		checkJSONWriters(t, chs)
	}
}

func FuzzJSONWriters(f *testing.F) {
	f.Add(int64(0), int64(0), "Intro", "", "", "", false, false)
	f.Add(int64(61500), int64(90000), "a\"b\\c\x01\u2028", "https://x", "img", "loc", true, true)
	f.Fuzz(func(t *testing.T, start, end int64, title, url, img, loc string, hasTOC, toc bool) {
		if start < 0 || end < 0 || start > 1<<40 || end > 1<<40 {
			return
		}
		c := Chapter{Start: start, End: end, Title: title, URL: url, Image: img}
		if hasTOC {
			c.TOC = &toc
		}
		if loc != "" {
			c.Location = &Location{Name: loc, Geo: "geo:" + loc, OSM: loc}
		}
		checkJSONWriters(t, []Chapter{c, {Start: start + 1, Title: title}})
	})
}
