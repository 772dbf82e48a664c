package show

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/podfeed/podfeed/internal/suggest"
)

// missingFile says that p, a slash path under the show folder, does not
// exist, and what the user may have meant: a file of a similar name in
// the same folder (another case, another extension, a typo), or, when
// the folder itself is missing, a folder of a similar name.
func (d *Definition) missingFile(p string) string {
	msg := fmt.Sprintf("%q does not exist in the show folder", p)
	if d.fsys == nil {
		return msg
	}
	dir, name := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	entries, err := fs.ReadDir(d.fsys, path.Join(d.Dir, dir))
	if err != nil {
		if dir == "" {
			return msg
		}
		parent, base := path.Split(dir)
		parent = strings.TrimSuffix(parent, "/")
		msg = fmt.Sprintf("%q does not exist: the show folder has no folder %q", p, dir+"/")
		if alt := closestName(d.fsys, path.Join(d.Dir, parent), base, true); alt != "" {
			msg += fmt.Sprintf("; did you mean %q?", path.Join(parent, alt, name))
		}
		return msg
	}
	if alt := closestEntry(entries, name, false); alt != "" {
		return msg + fmt.Sprintf("; did you mean %q?", path.Join(dir, alt))
	}
	return msg
}

// closestName is closestEntry over the folder dir of fsys.
func closestName(fsys fs.FS, dir, name string, dirs bool) string {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return ""
	}
	return closestEntry(entries, name, dirs)
}

// closestEntry returns the entry (a folder when dirs, else a file) whose
// name is nearest to name: the same name in another case, the same stem
// with another extension, or a name within typo distance.
func closestEntry(entries []fs.DirEntry, name string, dirs bool) string {
	var names []string
	for _, e := range entries {
		if e.IsDir() == dirs && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return n
		}
	}
	stem := strings.TrimSuffix(name, path.Ext(name))
	for _, n := range names {
		if stem != "" && strings.EqualFold(strings.TrimSuffix(n, path.Ext(n)), stem) {
			return n
		}
	}
	return suggest.Closest(name, names)
}
