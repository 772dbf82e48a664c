package validate

import "strings"

// piIsGeoURI checks an RFC 5870 geo URI: geo:lat,lon[,alt][;params].
func piIsGeoURI(s string) bool {
	if len(s) < 4 || !strings.EqualFold(s[:4], "geo:") {
		return false
	}
	s = s[4:]
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ",")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for i, f := range parts {
		neg := strings.HasPrefix(f, "-")
		v, ok := piDecimal(strings.TrimPrefix(f, "-"))
		if !ok {
			return false
		}
		if neg {
			v = -v
		}
		if i == 0 && (v < -90 || v > 90) || i == 1 && (v < -180 || v > 180) {
			return false
		}
	}
	return true
}

// piIsOSM checks an OpenStreetMap reference: N, W or R, digits, optional #revision.
func piIsOSM(s string) bool {
	if len(s) < 2 || (s[0] != 'N' && s[0] != 'W' && s[0] != 'R') {
		return false
	}
	s = s[1:]
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return raIsDigits(s[:i]) && raIsDigits(s[i+1:])
	}
	return raIsDigits(s)
}

func rulePiLocation() *Rule {
	check := func(p *Pass, n *Node) {
		if piVal(n) == "" {
			p.Reportf(n.Pos, "podcast:location has no text; the human-readable place name cannot be blank")
		}
		if a := n.Attr("rel"); a != nil {
			if v := trimSpace(a.Value); v != "subject" && v != "creator" {
				p.Reportf(a.Pos, "podcast:location rel %q must be \"subject\" or \"creator\"", a.Value)
			}
		}
		if a := n.Attr("geo"); a != nil && !piIsGeoURI(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:location geo %q is not an RFC 5870 geo URI such as \"geo:30.2672,97.7431\"", a.Value)
		}
		if a := n.Attr("osm"); a != nil && !piIsOSM(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:location osm %q is not an OpenStreetMap reference such as \"R113314\" (N, W or R, the id, optionally #revision)", a.Value)
		}
		if a := n.Attr("country"); a != nil && !piIsCountry(trimSpace(a.Value)) {
			p.Reportf(a.Pos, "podcast:location country %q is not an ISO 3166-1 alpha-2 code such as \"US\"", a.Value)
		}
	}
	ch, it := piHooks("location", check)
	return &Rule{
		Code:     "pi-location",
		Title:    "podcast:location has no name or an invalid rel, geo, osm or country",
		Severity: Warning,
		Profiles: piProfiles(),
		Source:   "PI location",
		Since:    "v0.1.0",
		Doc: "`podcast:location` says what place a show or episode is about (`rel=\"subject\"`) or made " +
			"in (`rel=\"creator\"`). The text is a readable name and cannot be blank. `geo` is an " +
			"RFC 5870 geo URI, `osm` an OpenStreetMap type letter and id with an optional `#revision`, " +
			"and `country` an ISO 3166-1 alpha-2 code.",
		Hint:    "Fix the attribute to the documented form, e.g. geo=\"geo:30.2672,97.7431\" osm=\"R113314\".",
		Bad:     "<podcast:location geo=\"30.2672,97.7431\" osm=\"113314\">Austin, TX</podcast:location>",
		Good:    "<podcast:location geo=\"geo:30.2672,97.7431\" osm=\"R113314\" country=\"US\">Austin, TX</podcast:location>",
		Refs:    []string{piRef("location"), "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/location/location.md"},
		Channel: ch,
		Item:    it,
	}
}
