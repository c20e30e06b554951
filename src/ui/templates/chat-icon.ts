// The launcher's speech-bubble icon (24×24), shared with the loader's stand-in launcher so the button
// does not change when the full widget takes over.
export const CHAT_ICON_PATH = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z";
