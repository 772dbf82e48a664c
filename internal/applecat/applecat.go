package applecat

// Category is a top-level category and its subcategories.
type Category struct {
	Name string
	Subs []string
}

// List returns Apple's current categories in Apple's order.
func List() []Category {
	return []Category{
		{"Arts", []string{"Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"}},
		{"Business", []string{"Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"}},
		{"Comedy", []string{"Comedy Interviews", "Improv", "Stand-Up"}},
		{"Education", []string{"Courses", "How To", "Language Learning", "Self-Improvement"}},
		{"Fiction", []string{"Comedy Fiction", "Drama", "Science Fiction"}},
		{"Government", nil},
		{"History", nil},
		{"Health & Fitness", []string{"Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"}},
		{"Kids & Family", []string{"Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"}},
		{"Leisure", []string{"Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden", "Video Games"}},
		{"Music", []string{"Music Commentary", "Music History", "Music Interviews"}},
		{"News", []string{"Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News", "Tech News"}},
		{"Religion & Spirituality", []string{"Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"}},
		{"Science", []string{"Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences", "Nature", "Physics", "Social Sciences"}},
		{"Society & Culture", []string{"Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"}},
		{"Sports", []string{"Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"}},
		{"Technology", nil},
		{"True Crime", nil},
		{"TV & Film", []string{"After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"}},
	}
}

// Valid reports whether name (and sub, when not empty) is a current
// category, matching case-sensitively as Apple does.
func Valid(name, sub string) bool {
	for _, c := range List() {
		if c.Name != name {
			continue
		}
		if sub == "" {
			return true
		}
		for _, s := range c.Subs {
			if s == sub {
				return true
			}
		}
		return false
	}
	return false
}

// Subcategories returns the subcategories of a current category, and
// whether name is one.
func Subcategories(name string) ([]string, bool) {
	for _, c := range List() {
		if c.Name == name {
			return c.Subs, true
		}
	}
	return nil, false
}

// ParentOf returns the current category that sub is a subcategory of.
func ParentOf(sub string) (string, bool) {
	for _, c := range List() {
		for _, s := range c.Subs {
			if s == sub {
				return c.Name, true
			}
		}
	}
	return "", false
}

// Obsolete returns the replacement for a pre-2019 category (parent "") or
// subcategory of parent, written "Category" or "Category > Subcategory",
// and whether value is obsolete there. The replacement is always one
// current value (where the old one was split in two, the first).
func Obsolete(parent, value string) (string, bool) {
	if parent == "" {
		switch value {
		case "Games & Hobbies":
			return "Leisure", true
		case "Government & Organizations":
			return "Government", true
		case "Health":
			return "Health & Fitness", true
		case "News & Politics":
			return "News", true
		case "Science & Medicine":
			return "Science", true
		case "Sports & Recreation":
			return "Sports", true
		}
		return "", false
	}
	switch parent + " > " + value {
	case "Arts > Literature":
		return "Arts > Books", true
	case "Business > Business News":
		return "News > Business News", true
	case "Business > Management & Marketing":
		return "Business > Management", true
	case "Business > Shopping":
		return "Business", true
	case "Education > Education Technology", "Education > Higher Education", "Education > K-12", "Education > Training":
		return "Education > Courses", true
	case "Education > Language Courses":
		return "Education > Language Learning", true
	case "Games & Hobbies > Automotive":
		return "Leisure > Automotive", true
	case "Games & Hobbies > Aviation":
		return "Leisure > Aviation", true
	case "Games & Hobbies > Hobbies":
		return "Leisure > Hobbies", true
	case "Games & Hobbies > Other Games":
		return "Leisure > Games", true
	case "Games & Hobbies > Video Games":
		return "Leisure > Video Games", true
	case "Government & Organizations > Local", "Government & Organizations > National", "Government & Organizations > Regional":
		return "Government", true
	case "Government & Organizations > Non-Profit":
		return "Business > Non-Profit", true
	case "Health > Alternative Health":
		return "Health & Fitness > Alternative Health", true
	case "Health > Fitness & Nutrition":
		return "Health & Fitness > Fitness", true
	case "Health > Self-Help":
		return "Education > Self-Improvement", true
	case "Health > Sexuality":
		return "Health & Fitness > Sexuality", true
	case "Religion & Spirituality > Other":
		return "Religion & Spirituality > Religion", true
	case "Science & Medicine > Medicine":
		return "Health & Fitness > Medicine", true
	case "Science & Medicine > Natural Sciences":
		return "Science > Natural Sciences", true
	case "Science & Medicine > Social Sciences":
		return "Science > Social Sciences", true
	case "Society & Culture > History":
		return "History", true
	case "Sports & Recreation > Amateur", "Sports & Recreation > College & High School", "Sports & Recreation > Professional":
		return "Sports", true
	case "Sports & Recreation > Outdoor":
		return "Sports > Wilderness", true
	case "Technology > Gadgets", "Technology > Podcasting", "Technology > Software How-To":
		return "Technology", true
	case "Technology > Tech News":
		return "News > Tech News", true
	}
	return "", false
}
