// @typebot.io/js: the bubble embed (launcher + bot panel). No Typebot server
// runs here; the bubble and its panel render without one.
import "@typebot.io/js/web";

window.Typebot.initBubble({ typebot: "bench", apiHost: "http://127.0.0.1:9" });
