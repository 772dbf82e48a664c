package validate

// spotifyRules returns the rules of this family, in any order; Rules sorts them.
func spotifyRules() []*Rule {
	return []*Rule{
		ruleSpotifyArtwork(),
		ruleSpotifyNamespace(),
		ruleSpotifyTitleLength(),
	}
}
