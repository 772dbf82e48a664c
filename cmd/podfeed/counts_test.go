package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// One rule count everywhere: the validate summary line, the rules SARIF
// declares and what 'podfeed rules' says a feed is checked with agree,
// for every profile.
func TestRuleCountsAgree(t *testing.T) {
	feed := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(feed, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>T</title><link>https://example.com/</link><description>D</description>
<item><title>One</title><guid>1</guid><enclosure url="https://example.com/1.mp3" length="10" type="audio/mpeg"/></item>
</channel></rss>
`), 0o644); err != nil {
		t.Fatal(err)
	}
	rulesLine := regexp.MustCompile(`^(\d+) rules: (\d+) check a feed, (\d+) more with --online, (\d+) check a chapter file\n$`)
	summary := regexp.MustCompile(`\((\d+) rules, 1 item\)\n$`)
	// docs/validate.md's table of profiles gives each one's rule count.
	docs, err := os.ReadFile(filepath.Join("..", "..", "docs", "validate.md"))
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]int{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z]+)` \\|[^|\n]*\\| (\\d+) \\|$").FindAllStringSubmatch(string(docs), -1) {
		documented[m[1]], _ = strconv.Atoi(m[2])
	}
	for _, profile := range []string{"", "rss", "apple", "spotify", "podcastindex"} {
		var extra []string
		if profile != "" {
			extra = []string{"--profile", profile}
		}
		code, _, rerr := runCLI(append([]string{"rules"}, extra...)...)
		m := rulesLine.FindStringSubmatch(rerr)
		if code != 0 || m == nil {
			t.Fatalf("rules %v: exit %d, stderr %q", extra, code, rerr)
		}
		listed, _ := strconv.Atoi(m[1])
		feedRules, _ := strconv.Atoi(m[2])
		online, _ := strconv.Atoi(m[3])
		chapters, _ := strconv.Atoi(m[4])
		if listed != feedRules+online+chapters {
			t.Errorf("rules %v: %d listed, but %d + %d + %d", extra, listed, feedRules, online, chapters)
		}
		if n, ok := documented[profile]; profile != "" && n != listed {
			t.Errorf("docs/validate.md gives the %s profile %d rules (found: %v), 'podfeed rules --profile %s' lists %d", profile, n, ok, profile, listed)
		}

		_, _, verr := runCLI(append([]string{"validate", feed, "--fail-on", "none"}, extra...)...)
		sm := summary.FindStringSubmatch(verr)
		if sm == nil {
			t.Fatalf("validate %v: no summary line in %q", extra, verr)
		}
		if n, _ := strconv.Atoi(sm[1]); n != feedRules {
			t.Errorf("validate %v says %d rules, rules says a feed is checked with %d", extra, n, feedRules)
		}

		_, out, _ := runCLI(append([]string{"validate", feed, "--fail-on", "none", "--format", "sarif"}, extra...)...)
		var sarif struct {
			Runs []struct {
				Tool struct {
					Driver struct {
						Rules []struct {
							ID string `json:"id"`
						} `json:"rules"`
					} `json:"driver"`
				} `json:"tool"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(out), &sarif); err != nil || len(sarif.Runs) != 1 {
			t.Fatalf("validate --format sarif %v: %v\n%s", extra, err, out)
		}
		if n := len(sarif.Runs[0].Tool.Driver.Rules); n != feedRules {
			t.Errorf("SARIF %v declares %d rules, rules says a feed is checked with %d", extra, n, feedRules)
		}
	}
}
