package validate

// piTextLimit is the advised maximum length in characters of a tag's node
// value, or 0.
func piTextLimit(tag string) int {
	switch tag {
	case "funding", "person", "location", "soundbite", "trailer", "license", "updateFrequency":
		return 128
	case "txt":
		return 4000
	}
	return 0
}

// piAttrLimit is the advised maximum length of an attribute, or 0.
func piAttrLimit(tag, attr string) int {
	switch {
	case tag == "season" && attr == "name", tag == "txt" && attr == "purpose", tag == "image" && attr == "purpose":
		return 128
	case tag == "episode" && attr == "display", tag == "alternateEnclosure" && (attr == "title" || attr == "rel"):
		return 32
	}
	return 0
}

func rulePiLengthLimits() *Rule {
	check := func(p *Pass, root *Node) {
		piWalk(root, func(_, n *Node) {
			if max := piTextLimit(n.Local); max > 0 {
				v := piVal(n)
				if len(v) > max { // bytes ≥ characters: count only when it may matter
					if c := raRuneCount(v); c > max {
						p.Reportf(piTextPos(n), "%s value is %d characters long; keep it to %d or aggregators may truncate it", n.Name(), c, max)
					}
				}
			}
			for i := range n.Attrs {
				a := &n.Attrs[i]
				if a.Space != "" || len(a.Value) <= 32 {
					continue
				}
				if max := piAttrLimit(n.Local, a.Local); max > 0 {
					if c := raRuneCount(a.Value); c > max {
						p.Reportf(a.Pos, "%s %s is %d characters long (%q); keep it to %d", n.Name(), a.Local, c, a.Value, max)
					}
				}
			}
		})
	}
	return &Rule{
		Code:     "pi-length-limits",
		Title:    "podcast: value longer than the specification advises",
		Severity: Warning,
		Profiles: piProfiles(),
		Source:   "PI-tags",
		Since:    "v0.1.0",
		Doc: "The specification caps several values so aggregators can store and display them: 128 " +
			"characters for the text of funding, person, location, soundbite, trailer, license and " +
			"updateFrequency and for `season@name`, `txt@purpose` and `image@purpose`; 32 for " +
			"`episode@display` and `alternateEnclosure@title`/`@rel`; 4000 for `podcast:txt`.",
		Hint:    "Shorten the value.",
		Bad:     "<podcast:episode display=\"The very special holiday episode, part one\">12</podcast:episode>",
		Good:    "<podcast:episode display=\"Holiday special 1\">12</podcast:episode>",
		Refs:    []string{piSpecURL, piRef("txt"), piRef("image"), piRef("alternate-enclosure")},
		Channel: check,
		Item:    check,
	}
}
