package companion

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func show() *feed.Channel {
	no := false
	return &feed.Channel{
		Title:         "The Example Show",
		Link:          "https://example.com/",
		Description:   "<p>A show about <b>examples</b> &amp; more.</p>",
		Language:      "en-us",
		Copyright:     "© 2024 Example Media",
		LastBuildDate: time.Date(2024, 3, 8, 9, 30, 0, 0, time.FixedZone("CET", 3600)),
		PubDate:       time.Date(2024, 3, 8, 8, 30, 0, 0, time.UTC),
		SelfURL:       "https://example.com/feed.xml",
		ItunesAuthor:  "Jo Host",
		ItunesImage:   "https://example.com/art.jpg",
		ItunesOwner:   &feed.Owner{Name: "Jo Host", Email: "jo@example.com"},
		GUID:          "917393e3-1b1e-5cef-ace4-edaa54e1f810",
		Complete:      true,
		Items: []feed.Item{{
			Title:          "Episode 3: big files",
			Link:           "https://example.com/3",
			Description:    "<p>Short notes</p>",
			ContentEncoded: "<p>Long notes with a <a href=\"https://example.com/?a=1&b=2\">link</a>.</p>",
			GUID:           "https://example.com/3",
			GUIDPermaLink:  true,
			PubDate:        time.Date(2024, 3, 8, 8, 30, 0, 0, time.UTC),
			Enclosure:      &feed.Enclosure{URL: "https://cdn.example.com/3.mp3", Length: 3_000_000_000, Type: "audio/mpeg"},
			ItunesImage:    "https://example.com/3.jpg",
			ItunesSummary:  "Plain summary of three.",
			ItunesAuthor:   "Sam Guest",
			Duration:       3723*time.Second + 400*time.Millisecond,
			Explicit:       &no,
			AlternateEnclosures: []feed.AlternateEnclosure{{
				Type: "audio/opus", Length: 900000, Title: "Opus",
				Sources: []feed.Source{{URI: "https://cdn.example.com/3.opus"}, {URI: "ipfs://QmSkipped"}},
			}},
		}, {
			Title:       "Episode 2",
			Description: "<p>Only a description</p>",
			GUID:        "2a5ef9ea-2ad1-4a7e-8f53-8ab0f2b2d7f2",
			PubDate:     time.Date(2024, 3, 1, 8, 30, 0, 0, time.FixedZone("EST", -5*3600)),
			Enclosure:   &feed.Enclosure{URL: "https://cdn.example.com/2.mp3", Length: 1000, Type: "audio/mpeg"},
		}, {
			Title:     "Episode 1",
			GUID:      "episode 1/first",
			PubDate:   time.Date(2024, 2, 23, 8, 30, 0, 0, time.UTC),
			Enclosure: &feed.Enclosure{URL: "https://cdn.example.com/1.mp3", Length: 500, Type: "audio/mpeg"},
		}, {
			Title:     "No guid",
			PubDate:   time.Date(2024, 2, 16, 8, 30, 0, 0, time.UTC),
			Enclosure: &feed.Enclosure{URL: "https://cdn.example.com/0.mp3", Length: 5, Type: "audio/mpeg"},
		}},
	}
}

// assertGolden compares got with testdata/name.
func assertGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Assert(t, filepath.Join("testdata", name), got, *update)
}

func TestJSONFeedGolden(t *testing.T) {
	got, err := JSONFeed(show(), "https://example.com/feed.json")
	if err != nil {
		t.Fatal(err)
	}
	assertGolden(t, "feed.json", got)
	again, err := JSONFeed(show(), "https://example.com/feed.json")
	if err != nil || !bytes.Equal(again, got) {
		t.Errorf("a second JSONFeed gave different bytes (err %v)", err)
	}
}

// TestJSONFeedFields checks the JSON Feed 1.1 fields with a plain decoder.
func TestJSONFeedFields(t *testing.T) {
	data, err := JSONFeed(show(), "https://example.com/feed.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version string `json:"version"`
		FeedURL string `json:"feed_url"`
		Expired bool   `json:"expired"`
		Authors []struct {
			Name string `json:"name"`
		} `json:"authors"`
		Items []struct {
			ID          string `json:"id"`
			Summary     string `json:"summary"`
			ContentHTML string `json:"content_html"`
			Date        string `json:"date_published"`
			Attachments []struct {
				URL      string  `json:"url"`
				MIMEType string  `json:"mime_type"`
				Size     int64   `json:"size_in_bytes"`
				Duration float64 `json:"duration_in_seconds"`
			} `json:"attachments"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "https://jsonfeed.org/version/1.1" || doc.FeedURL != "https://example.com/feed.json" || !doc.Expired {
		t.Errorf("version %q feed_url %q expired %v", doc.Version, doc.FeedURL, doc.Expired)
	}
	if len(doc.Authors) != 1 || doc.Authors[0].Name != "Jo Host" {
		t.Errorf("authors = %+v, want Jo Host", doc.Authors)
	}
	if len(doc.Items) != 4 {
		t.Fatalf("%d items, want 4", len(doc.Items))
	}
	first := doc.Items[0]
	if len(first.Attachments) != 2 || first.Attachments[0].Size != 3_000_000_000 || first.Attachments[0].Duration != 3723 ||
		first.Attachments[0].MIMEType != "audio/mpeg" || first.Attachments[1].URL != "https://cdn.example.com/3.opus" {
		t.Errorf("attachments of the first item = %+v", first.Attachments)
	}
	if first.Summary != "Plain summary of three." {
		t.Errorf("summary = %q, want the plain itunes summary", first.Summary)
	}
	if doc.Items[1].ContentHTML != "<p>Only a description</p>" || doc.Items[1].Date != "2024-03-01T13:30:00Z" {
		t.Errorf("second item content_html %q date %q", doc.Items[1].ContentHTML, doc.Items[1].Date)
	}
	if doc.Items[3].ID != "https://cdn.example.com/0.mp3" {
		t.Errorf("id of an item without guid = %q, want its enclosure URL", doc.Items[3].ID)
	}
}

func TestAtomGolden(t *testing.T) {
	got, err := Atom(show(), "https://example.com/atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	assertGolden(t, "atom.xml", got)
	again, err := Atom(show(), "https://example.com/atom.xml")
	if err != nil || !bytes.Equal(again, got) {
		t.Errorf("a second Atom gave different bytes (err %v)", err)
	}
	d := xml.NewDecoder(bytes.NewReader(got))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("atom.xml is not well-formed: %v", err)
		}
	}
}

func TestEmptyChannel(t *testing.T) {
	for name, f := range map[string]func(*feed.Channel, string) ([]byte, error){"JSONFeed": JSONFeed, "Atom": Atom} {
		if _, err := f(&feed.Channel{Title: "Empty"}, ""); err != nil {
			t.Errorf("%s(empty channel): %v", name, err)
		}
		if _, err := f(nil, ""); err == nil {
			t.Errorf("%s(nil) = nil error, want one", name)
		}
	}
}

func TestEntryID(t *testing.T) {
	ch := &feed.Channel{Link: "https://example.com/show"}
	day := time.Date(2024, 3, 1, 23, 0, 0, 0, time.FixedZone("X", -3*3600))
	for _, tc := range []struct{ guid, want string }{
		{"https://example.com/1", "https://example.com/1"},
		{"urn:isbn:123", "urn:isbn:123"},
		{"2A5EF9EA-2AD1-4A7E-8F53-8AB0F2B2D7F2", "urn:uuid:2a5ef9ea-2ad1-4a7e-8f53-8ab0f2b2d7f2"},
		{"ep 1/a", "tag:example.com,2024-03-02:ep%201%2Fa"},
		{"12345", "tag:example.com,2024-03-02:12345"},
	} {
		if got := entryID(ch, &feed.Item{GUID: tc.guid, PubDate: day}); got != tc.want {
			t.Errorf("entryID(%q) = %q, want %q", tc.guid, got, tc.want)
		}
	}
}

func TestStripTags(t *testing.T) {
	for in, want := range map[string]string{
		"<p>A <b>bold</b> &amp; plain</p>\n<p>Two</p>": "A bold & plain Two",
		"no tags":      "no tags",
		"a<br/>b":      "a b",
		"1 < 2 but 3>": "1",
	} {
		if got := stripTags(in); got != want {
			t.Errorf("stripTags(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAtomSelf checks atom.xml names itself, and its web page.
func TestAtomSelf(t *testing.T) {
	data, err := Atom(show(), "https://example.com/atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Links []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	rels := map[string]string{}
	for _, l := range doc.Links {
		rels[l.Rel] = l.Href
	}
	if rels["self"] != "https://example.com/atom.xml" || rels["alternate"] != "https://example.com/" || len(doc.Links) != 2 {
		t.Errorf("feed links = %+v, want self https://example.com/atom.xml and alternate https://example.com/", doc.Links)
	}
}
