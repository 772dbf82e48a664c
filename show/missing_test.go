package show

import (
	"testing"
	"testing/fstest"
)

func TestMissingFile(t *testing.T) {
	def := &Definition{Dir: "show", fsys: fstest.MapFS{
		"show/episodes/ep01.mp3":        {},
		"show/episodes/Trailer.MP3":     {},
		"show/episodes/fog-signals.m4a": {},
		"show/audio/.hidden.mp3":        {},
		"show/media/a.mp3":              {},
	}}
	tests := []struct{ path, want string }{
		{"episodes/ep1.mp3", `"episodes/ep1.mp3" does not exist in the show folder; did you mean "episodes/ep01.mp3"?`},
		{"episodes/trailer.mp3", `"episodes/trailer.mp3" does not exist in the show folder; did you mean "episodes/Trailer.MP3"?`},
		{"episodes/fog-signals.mp3", `"episodes/fog-signals.mp3" does not exist in the show folder; did you mean "episodes/fog-signals.m4a"?`},
		{"episodes/something-else-entirely.mp3", `"episodes/something-else-entirely.mp3" does not exist in the show folder`},
		{"episode/ep01.mp3", `"episode/ep01.mp3" does not exist: the show folder has no folder "episode/"; did you mean "episodes/ep01.mp3"?`},
		{"audio/hidden.mp3", `"audio/hidden.mp3" does not exist in the show folder`},
		{"nope.mp3", `"nope.mp3" does not exist in the show folder`},
	}
	for _, tt := range tests {
		if got := def.missingFile(tt.path); got != tt.want {
			t.Errorf("missingFile(%q)\n got %s\nwant %s", tt.path, got, tt.want)
		}
	}
}
