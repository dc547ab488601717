// @n8n/chat: the window mode (a toggle button and a chat window). The
// webhook is never reached (no previous session to load, no welcome screen).
import { createChat } from "@n8n/chat";
import "@n8n/chat/style.css";

createChat({ webhookUrl: "http://127.0.0.1:9/webhook", mode: "window", loadPreviousSession: false, showWelcomeScreen: false, initialMessages: ["Bonjour !"] });
