/** Chinese first, English by a switch that stays (localStorage); <html lang> follows. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Pair } from './labels.ts';

export type Lang = 'zh-CN' | 'en';
const KEY = 'yimei.lang';

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

const LangContext = createContext<LangState>({ lang: 'zh-CN', setLang: () => undefined });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN'));
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = lang === 'en' ? 'Medical-aesthetics dispute mediation' : '医美纠纷调解平台';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export const useLang = () => useContext(LangContext);

export interface T {
  (zh: string, en: string): string;
  /** A code's name from a label table; the code itself when the table has none. */
  label(table: Record<string, Pair>, code: string | null | undefined): string;
  /** The server's bilingual messages are "中文 / English": the half in the reader's language. */
  message(text: string): string;
  lang: Lang;
}

export function useT(): T {
  const { lang } = useLang();
  return useMemo(() => {
    const en = lang === 'en';
    const t = ((zh: string, english: string) => (en ? english : zh)) as T;
    t.label = (table, code) => (code ? (table[code]?.[en ? 1 : 0] ?? code) : '');
    t.message = (text) => {
      const at = text.indexOf(' / ');
      if (at < 0) return text;
      return en ? text.slice(at + 3) : text.slice(0, at);
    };
    t.lang = lang;
    return t;
  }, [lang]);
}
