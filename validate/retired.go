package validate

// retired lists the codes of rules that were removed, with where their
// findings went. A code is never reused; --enable and --disable still
// accept these (they match no rule), so existing scripts keep working.
var retired = map[string]string{
	"spotify-guid":        "rss-guid-missing (missing or empty guid, in every profile Spotify's included) and rss-duplicate-singleton (two guids)",
	"spotify-owner-email": "apple-owner-email, which carries the spotify profile (a warning when it is in effect)",
	"spotify-enclosure":   "rss-enclosure-missing, rss-enclosure-attrs and rss-enclosure-length-int, which carry the spotify profile",
}

// Retired returns what became of a removed rule's code, or "".
func Retired(code string) string { return retired[code] }
