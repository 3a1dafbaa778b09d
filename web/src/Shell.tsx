/** The frame of every page: the title, who is signed in, the language switch; then the page. */
import { Button, Result, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { useLang, useT } from './i18n.tsx';
import { ROLE } from './labels.ts';
import { ME } from './ops.ts';
import { DisputePage } from './pages/DisputePage.tsx';
import { FileComplaint } from './pages/FileComplaint.tsx';
import { Home } from './pages/Home.tsx';
import { MyData } from './pages/MyData.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { Statistics } from './pages/Statistics.tsx';
import { TypicalCases } from './pages/TypicalCases.tsx';
import { useSession } from './session.tsx';
import type { MeQuery } from './gql/graphql.ts';

export type Me = NonNullable<MeQuery['me']>;

function LanguageSwitch() {
  const { lang, setLang } = useLang();
  return (
    <Space size={6}>
      <Switch id="lang-switch" size="small" checked={lang === 'en'} onChange={(on) => setLang(on ? 'en' : 'zh-CN')} aria-label="English" />
      <label htmlFor="lang-switch" lang="en">
        English
      </label>
    </Space>
  );
}

export function Shell() {
  const t = useT();
  const { token, signOut } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: ME, pause: !token });
  const me = data?.me ?? undefined;
  // Public pages (/statistics, /typical-cases): for anyone, signed in or not.
  const path = useLocation().pathname;
  const unauthenticated = error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') || (token && data && !data.me);
  useEffect(() => {
    if (unauthenticated) signOut();
  }, [unauthenticated, signOut]);

  return (
    <>
      <header className="top">
        <Link to="/" className="brand">
          {t('医美纠纷调解平台', 'Medical-aesthetics dispute mediation')}
        </Link>
        {me && (
          <Space size={4} wrap>
            <Typography.Text>{me.name}</Typography.Text>
            <Tag color="blue">{t.label(ROLE, me.role)}</Tag>
            <Link to="/my-data" className="my-data">{t('我的数据', 'My data')}</Link>
          </Space>
        )}
        <Link to="/statistics">{t('公开统计', 'Statistics')}</Link>
        <Link to="/typical-cases">{t('典型案例', 'Typical cases')}</Link>
        <LanguageSwitch />
        {token && (
          <Button size="small" onClick={signOut}>
            {t('退出', 'Sign out')}
          </Button>
        )}
      </header>
      <main className="page">
        {path === '/statistics' ? (
          <Statistics />
        ) : path === '/typical-cases' ? (
          <TypicalCases />
        ) : !token ? (
          <SignIn />
        ) : !me ? (
          fetching || !error ? (
            <Spin aria-label={t('加载中', 'Loading')} />
          ) : (
            <Result status="error" title={t('无法连接服务器', 'Cannot reach the server')} />
          )
        ) : (
          <Routes>
            <Route path="/" element={<Home me={me} />} />
            <Route path="/file" element={me.role === 'CONSUMER' ? <FileComplaint me={me} /> : <NotFound />} />
            <Route path="/disputes/:id" element={<DisputePage me={me} />} />
            <Route path="/my-data" element={<MyData me={me} />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        )}
      </main>
    </>
  );
}
