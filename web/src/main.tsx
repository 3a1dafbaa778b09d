import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { LangProvider, useLang } from './i18n.tsx';
import { Shell } from './Shell.tsx';
import { SessionProvider } from './session.tsx';
import './style.css';

function Localized() {
  const { lang } = useLang();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      // No space inserted between two Chinese characters: a button's name is its text, e.g. 登录.
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          // People who ask their system for less motion get none.
          motion: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
          // Darker than the default blue and grey, for contrast (WCAG AA) on white.
          colorPrimary: '#0b57d0',
          colorLink: '#0b57d0',
          colorInfo: '#0b57d0',
          colorError: '#c0262d',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          fontFamily: "-apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', 'Segoe UI', Roboto, sans-serif",
        },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <Shell />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LangProvider>
      <SessionProvider>
        <Localized />
      </SessionProvider>
    </LangProvider>
  </StrictMode>,
);
