<?xml version="1.0" encoding="UTF-8"?>
<psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters">
  <psc:chapter start="00:00:00.000" title="Intro"/>
  <psc:chapter start="00:03:00.250" title="Why habits are hard to change" href="https://example.org/empathy?a=1&amp;b=2"/>
  <psc:chapter start="00:12:34.001" title="Listener &quot;questions&quot; &amp; &lt;answers&gt;" image="https://example.org/q.jpg"/>
  <psc:chapter start="01:02:05.999" title="Über-long tail — with ünïcode"/>
</psc:chapters>
