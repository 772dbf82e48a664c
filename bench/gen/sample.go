package gen

import "strings"

// sampleItems is the corpus shape's input when no corpus is at hand:
// items written for the harness in the styles real hosts publish (the
// traits the corpus's INDEX.tsv lists: entity-escaped HTML, CDATA,
// content:encoded, itunes:summary, media:content, CRLF line ends, long
// notes, Podcasting 2.0 tags). No corpus file is copied here.
func sampleItems() ([]feedItems, error) {
	ns := [][2]string{
		{"itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"},
		{"content", "http://purl.org/rss/1.0/modules/content/"},
		{"atom", "http://www.w3.org/2005/Atom"},
		{"media", "http://search.yahoo.com/mrss/"},
		{"podcast", "https://podcastindex.org/namespace/1.0"},
		{"dc", "http://purl.org/dc/elements/1.1/"},
	}
	var items [][]byte
	para := strings.Repeat("We walk the length of the breakwater at low tide and talk about the keepers who logged every ship that passed, the storms that took the lamp, and the engineers who rebuilt it. ", 6)
	for i := 0; i < 40; i++ {
		n := itoa(i + 1)
		var it string
		switch i % 4 {
		case 0: // hosted-platform style: escaped HTML, itunes:summary
			it = "<item>\n\t\t\t<title>Harbour Lights " + n + ": The Keeper&apos;s Log</title>\n" +
				"\t\t\t<pubDate>Tue, 04 Jun 2019 10:00:00 +0000</pubDate>\n" +
				"\t\t\t<guid isPermaLink=\"false\">sample-escaped-" + n + "</guid>\n" +
				"\t\t\t<link><![CDATA[https://sample.example.net/episodes/harbour-lights-" + n + "]]></link>\n" +
				"\t\t\t<itunes:image href=\"https://sample.example.net/art/" + n + ".jpg\" />\n" +
				"\t\t\t<description>&lt;p&gt;" + para + "&lt;/p&gt;&lt;p&gt;Links: &lt;a href=&quot;https://sample.example.net/read&quot;&gt;reading list&lt;/a&gt; &amp;amp; more.&lt;/p&gt;</description>\n" +
				"\t\t\t<content:encoded>&lt;p&gt;" + para + para + "&lt;/p&gt;&lt;ul&gt;&lt;li&gt;One&lt;/li&gt;&lt;li&gt;Two&lt;/li&gt;&lt;/ul&gt;</content:encoded>\n" +
				"\t\t\t<enclosure length=\"52387161\" type=\"audio/mpeg\" url=\"https://traffic.sample.example.net/harbour/" + n + ".mp3?dest-id=4242\" />\n" +
				"\t\t\t<itunes:duration>54:33</itunes:duration>\n" +
				"\t\t\t<itunes:explicit>no</itunes:explicit>\n" +
				"\t\t\t<itunes:keywords>lighthouse,history,sea</itunes:keywords>\n" +
				"\t\t\t<itunes:subtitle>The keeper&apos;s log, read aloud.</itunes:subtitle>\n" +
				"\t\t\t<itunes:summary>" + para + "</itunes:summary>\n" +
				"\t\t\t<itunes:episode>" + n + "</itunes:episode>\n" +
				"\t\t\t<itunes:episodeType>full</itunes:episodeType>\n" +
				"\t\t</item>"
		case 1: // CDATA notes, media:content, dc:creator
			it = "<item>\n    <title><![CDATA[Episode " + n + " – Fog Signals & Foghorns]]></title>\n" +
				"    <description><![CDATA[<p>" + para + "</p><p><strong>Sponsors</strong>: <a href=\"https://sample.example.net/s\">one</a>, <a href=\"https://sample.example.net/t\">two</a>.</p>]]></description>\n" +
				"    <link>https://sample.example.net/fog/" + n + "</link>\n" +
				"    <guid isPermaLink=\"true\">https://sample.example.net/fog/" + n + "</guid>\n" +
				"    <dc:creator><![CDATA[Rosa Beacon]]></dc:creator>\n" +
				"    <pubDate>Mon, 03 Jun 2019 07:30:00 GMT</pubDate>\n" +
				"    <enclosure url=\"https://cdn.sample.example.net/fog/" + n + ".m4a\" length=\"0\" type=\"audio/x-m4a\"/>\n" +
				"    <media:content url=\"https://cdn.sample.example.net/fog/" + n + ".m4a\" medium=\"audio\" type=\"audio/x-m4a\" fileSize=\"31457280\"/>\n" +
				"    <itunes:author>Rosa Beacon</itunes:author>\n" +
				"    <itunes:duration>00:41:07</itunes:duration>\n" +
				"    <itunes:image href=\"https://cdn.sample.example.net/fog/art.png\"/>\n" +
				"  </item>"
		case 2: // CRLF line ends, Podcasting 2.0 tags
			it = "<item>\r\n      <title>Tides " + n + "</title>\r\n" +
				"      <description><![CDATA[<p>" + para + "</p>\r\n<p>Transcript and chapters below.</p>]]></description>\r\n" +
				"      <guid isPermaLink=\"false\">c4a5e7d2-sample-" + n + "</guid>\r\n" +
				"      <pubDate>Sun, 02 Jun 2019 18:00:00 -0400</pubDate>\r\n" +
				"      <enclosure url=\"https://media.sample.example.net/tides/" + n + ".mp3\" length=\"61234567\" type=\"audio/mpeg\"/>\r\n" +
				"      <itunes:duration>3811</itunes:duration>\r\n" +
				"      <itunes:explicit>false</itunes:explicit>\r\n" +
				"      <podcast:transcript url=\"https://media.sample.example.net/tides/" + n + ".srt\" type=\"application/x-subrip\"/>\r\n" +
				"      <podcast:chapters url=\"https://media.sample.example.net/tides/" + n + ".json\" type=\"application/json+chapters\"/>\r\n" +
				"      <podcast:person role=\"host\" href=\"https://sample.example.net/ida\">Ida Tern</podcast:person>\r\n" +
				"      <podcast:season>2</podcast:season>\r\n" +
				"      <podcast:episode>" + n + "</podcast:episode>\r\n" +
				"    </item>"
		default: // short plain item, as old feeds publish
			it = "<item><title>Short Wave " + n + "</title><link>https://sample.example.net/sw/" + n + "</link>" +
				"<description>A short bulletin from the coast: weather, tides and shipping.</description>" +
				"<pubDate>Sat, 01 Jun 2019 06:00:00 GMT</pubDate><guid>https://sample.example.net/sw/" + n + "</guid>" +
				"<enclosure url=\"http://sample.example.net/sw/" + n + ".mp3\" length=\"4800000\" type=\"audio/mpeg\" /></item>"
		}
		items = append(items, []byte(it))
	}
	return []feedItems{{name: "sample", ns: ns, items: items}}, nil
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
