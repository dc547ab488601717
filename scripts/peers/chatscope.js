// @chatscope/chat-ui-kit-react (a UI kit with no launcher of its own): the
// smallest chat widget made of it, a round button that opens a panel with a
// message list and a composer.
import { createElement as h, useState } from "react";
import { createRoot } from "react-dom/client";
import { MainContainer, ChatContainer, MessageList, Message, MessageInput } from "@chatscope/chat-ui-kit-react";
import "@chatscope/chat-ui-kit-styles/dist/default/styles.min.css";

function App() {
  const [open, setOpen] = useState(false);
  return h("div", { style: { position: "fixed", right: 20, bottom: 20, zIndex: 2147483000, display: "flex", flexDirection: "column", alignItems: "flex-end" } },
    open && h("div", { className: "bench-panel", role: "dialog", style: { width: 370, height: 600, marginBottom: 12 } },
      h(MainContainer, null,
        h(ChatContainer, null,
          h(MessageList, null, h(Message, { model: { message: "Bonjour !", direction: "incoming", position: "single" } })),
          h(MessageInput, { placeholder: "Écrivez un message…", attachButton: false })))),
    h("button", { className: "bench-launcher", "aria-label": "Open chat", onClick: () => setOpen((o) => !o),
      style: { width: 56, height: 56, borderRadius: "50%", border: 0, background: "#1f5fd1", color: "#fff" } }, "Chat"));
}
const root = document.createElement("div");
document.body.appendChild(root);
createRoot(root).render(h(App));
