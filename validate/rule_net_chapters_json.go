package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// netChaptersMaxBytes caps the download of one chapters file.
const netChaptersMaxBytes = 5 << 20

// netChapterFinding is one problem in a chapters file.
type netChapterFinding struct {
	sev Severity
	msg string
}

// netCheckChaptersJSON judges a Podcasting 2.0 JSON chapters file
// (catalogue §2.5 chapter-file rules with the §7 corrections): version
// string, chapters array, numeric startTime and location name and geo
// are errors; order, endTime before startTime and the types of the other
// fields are warnings.
func netCheckChaptersJSON(body []byte) []netChapterFinding {
	var out []netChapterFinding
	add := func(sev Severity, format string, args ...any) {
		out = append(out, netChapterFinding{sev, fmt.Sprintf(format, args...)})
	}
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		add(Error, "not a JSON object: %v", err)
		return out
	}
	if v, ok := doc["version"]; !ok {
		add(Error, "no \"version\" string")
	} else if _, ok := v.(string); !ok {
		add(Error, "\"version\" is not a string but a %s", netJSONKind(v))
	}
	for _, k := range []string{"author", "title", "podcastName", "description", "fileName"} {
		if v, ok := doc[k]; ok {
			if _, ok := v.(string); !ok {
				add(Warning, "%q is not a string but a %s", k, netJSONKind(v))
			}
		}
	}
	if v, ok := doc["waypoints"]; ok {
		if _, ok := v.(bool); !ok {
			add(Warning, "\"waypoints\" is not a boolean but a %s", netJSONKind(v))
		}
	}
	raw, ok := doc["chapters"]
	if !ok {
		add(Error, "no \"chapters\" array")
		return out
	}
	list, ok := raw.([]any)
	if !ok {
		add(Error, "\"chapters\" is not an array but a %s", netJSONKind(raw))
		return out
	}
	prev := -1.0
	outOfOrder := false
	for i, c := range list {
		ch, ok := c.(map[string]any)
		if !ok {
			add(Error, "chapter %d is not an object (%s)", i+1, netJSONKind(c))
			continue
		}
		start, ok := netJSONNumber(ch["startTime"])
		if !ok {
			if _, present := ch["startTime"]; present {
				add(Error, "chapter %d has a \"startTime\" that is not a number (%s)", i+1, netJSONKind(ch["startTime"]))
			} else {
				add(Error, "chapter %d has no \"startTime\"", i+1)
			}
			continue
		}
		if start < prev && !outOfOrder {
			outOfOrder = true
			add(Warning, "chapter %d starts at %gs, before chapter %d (%gs); apps assume ascending order", i+1, start, i, prev)
		}
		prev = start
		if end, ok := netJSONNumber(ch["endTime"]); ok && end <= start {
			add(Warning, "chapter %d ends at %gs, not after its start at %gs", i+1, end, start)
		}
		if loc, ok := ch["location"]; ok {
			lm, ok := loc.(map[string]any)
			switch {
			case !ok:
				add(Error, "chapter %d has a \"location\" that is not an object", i+1)
			default:
				for _, k := range []string{"name", "geo"} {
					if s, ok := lm[k].(string); !ok || strings.TrimSpace(s) == "" {
						add(Error, "chapter %d location has no %q string", i+1, k)
					}
				}
				if v, ok := lm["osm"]; ok {
					if _, ok := v.(string); !ok {
						add(Warning, "chapter %d location \"osm\" is not a string (%s)", i+1, netJSONKind(v))
					}
				}
			}
		}
	}
	return out
}

func netJSONNumber(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

// netJSONKind names the JSON type of a decoded value, for messages.
func netJSONKind(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("string %q", x)
	case json.Number:
		return "number " + x.String()
	case bool:
		return fmt.Sprintf("boolean %t", x)
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// netChapterTypeJSON reports whether a podcast:chapters type names JSON
// chapters (an absent type is taken as JSON, the only format defined).
func netChapterTypeJSON(t onlineTarget) bool {
	if !t.Declared {
		return true
	}
	mt := strings.ToLower(t.Type)
	return strings.HasPrefix(mt, "application/json")
}

func ruleNetChaptersJson() *Rule {
	item, finish := onlineItemFileHooks("chapters", netChaptersMaxBytes, func(p *Pass, t onlineTarget, f onlineFile) {
		if !f.ok() {
			p.Reportf(t.Pos, "chapters file %q cannot be downloaded: %s", t.URL, f.failure())
			return
		}
		if !netChapterTypeJSON(t) {
			return // only JSON chapters are defined; other types are pi-chapters' business
		}
		switch ct := f.resp.ContentType; {
		case ct == "application/json+chapters" || ct == strings.ToLower(t.Type):
			// what the specification asks for, or what the feed declares
		case ct == "application/json":
			p.ReportSeverityf(Info, t.Pos, "chapters file %q is served as %q; the specification asks for \"application/json+chapters\"", t.URL, ct)
		default:
			p.ReportSeverityf(Warning, t.Pos, "chapters file %q is served as %q, not as JSON chapters (\"application/json+chapters\")", t.URL, ct)
		}
		findings := netCheckChaptersJSON(f.body)
		const most = 5
		for i, c := range findings {
			if i == most {
				p.ReportSeverityf(Warning, t.Pos, "chapters file %q: %d more problems", t.URL, len(findings)-most)
				break
			}
			p.ReportSeverityf(c.sev, t.Pos, "chapters file %q: %s", t.URL, c.msg)
		}
	})
	return &Rule{
		Code:     "net-chapters-json",
		Title:    "Chapters file must download and be valid JSON chapters",
		Severity: Error,
		Profiles: []Profile{ProfilePodcastIndex},
		Source:   "PI jsonChapters",
		Since:    "v0.1.0",
		Network:  true,
		Doc: "With `--online`, the `podcast:chapters` file of each of the newest episodes is " +
			"downloaded and checked against the JSON chapters format. Errors: it cannot be " +
			"downloaded, it is not a JSON object, `version` is missing or not a string, " +
			"`chapters` is missing or not an array, a chapter has no numeric `startTime`, or a " +
			"`location` lacks `name` or `geo`. Warnings: chapters out of ascending order, an " +
			"`endTime` not after its `startTime`, mistyped optional fields, and a Content-Type " +
			"other than JSON. `application/json` instead of `application/json+chapters` is " +
			"information only (and nothing when the feed itself declares `application/json`, " +
			"which `pi-chapters` reports).",
		Hint: "Serve a JSON file like {\"version\": \"1.2.0\", \"chapters\": [{\"startTime\": 0, \"title\": \"Intro\"}]} with Content-Type application/json+chapters.",
		Bad:  `<podcast:chapters url="https://example.com/ep1-chapters.txt" type="application/json+chapters"/>`,
		Good: `<podcast:chapters url="https://example.com/ep1-chapters.json" type="application/json+chapters"/>`,
		Refs: []string{"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md"},

		NewState: onlineNewEpisodeState,
		Item:     item,
		Finish:   finish,
	}
}
