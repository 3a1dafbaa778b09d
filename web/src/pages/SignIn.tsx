/** Sign-in with the e-mailed code (requestLoginCode, signIn); a consumer may register first. */
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../errors.ts';
import { useT } from '../i18n.tsx';
import { REGISTER, REQUEST_CODE, SIGN_IN } from '../ops.ts';
import { useSession } from '../session.tsx';

export function SignIn() {
  const t = useT();
  const { message } = App.useApp();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [requestState, requestCode] = useMutation(REQUEST_CODE);
  const [signInState, doSignIn] = useMutation(SIGN_IN);
  const [registerState, register] = useMutation(REGISTER);

  async function send() {
    const address = email.trim();
    if (!address) return;
    const result = await requestCode({ email: address });
    if (!result.error) setSentTo(address);
  }

  async function submit(values: { code: string }) {
    const result = await doSignIn({ email: (sentTo ?? email).trim(), code: values.code.trim() });
    if (result.data?.signIn) {
      message.success(t('登录成功', 'Signed in'));
      signIn(result.data.signIn);
    }
  }

  async function registerConsumer(values: { email: string; name: string; phone: string }) {
    const result = await register({ input: { email: values.email.trim(), name: values.name.trim(), phone: values.phone.trim() } });
    if (!result.error) {
      setRegistering(false);
      setEmail(values.email.trim());
      await requestCode({ email: values.email.trim() });
      setSentTo(values.email.trim());
    }
  }

  if (registering) {
    return (
      <Card style={{ maxWidth: 440, margin: '24px auto' }} title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('消费者注册', 'Register as a consumer')}</h1>}>
        <Form name="register" layout="vertical" onFinish={registerConsumer} requiredMark={false}>
          <Form.Item label={t('邮箱', 'E-mail')} name="email" rules={[{ required: true, type: 'email', message: t('请输入有效邮箱', 'Enter a valid e-mail') }]}>
            <Input autoComplete="email" inputMode="email" />
          </Form.Item>
          <Form.Item label={t('真实姓名', 'Full name')} name="name" rules={[{ required: true, message: t('请输入姓名', 'Enter your name') }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item label={t('手机号', 'Mobile phone')} name="phone" rules={[{ required: true, pattern: /^1\d{10}$/, message: t('请输入 11 位手机号', 'Enter an 11-digit mobile number') }]}>
            <Input autoComplete="tel" inputMode="tel" />
          </Form.Item>
          {registerState.error && <Alert type="error" showIcon title={errorText(registerState.error, t)} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block loading={registerState.fetching}>
            {t('注册并发送验证码', 'Register and send a code')}
          </Button>
          <Button type="link" block onClick={() => setRegistering(false)}>
            {t('已有账号，去登录', 'I have an account: sign in')}
          </Button>
        </Form>
      </Card>
    );
  }

  return (
    <Card style={{ maxWidth: 440, margin: '24px auto' }} title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('登录', 'Sign in')}</h1>}>
      <Typography.Paragraph type="secondary">
        {t('输入邮箱，我们会发送一次性验证码。', 'Enter your e-mail address and we will send you a one-time code.')}
      </Typography.Paragraph>
      <Form name="signin" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t('邮箱', 'E-mail')} htmlFor="signin-email">
          <Input id="signin-email" autoComplete="email" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} onPressEnter={(e) => (e.preventDefault(), void send())} />
        </Form.Item>
        <Button onClick={send} loading={requestState.fetching} block disabled={!email.trim()}>
          {t('发送验证码', 'Send code')}
        </Button>
        {sentTo && (
          <Alert style={{ margin: '12px 0' }} type="info" showIcon title={t(`验证码已发送至 ${sentTo}，10 分钟内有效。`, `A code was sent to ${sentTo}; it is valid for 10 minutes.`)} />
        )}
        {requestState.error && <Alert style={{ margin: '12px 0' }} type="error" showIcon title={errorText(requestState.error, t)} />}
        <Form.Item label={t('验证码', 'Code')} name="code" style={{ marginTop: 16 }} rules={[{ required: true, message: t('请输入验证码', 'Enter the code') }]}>
          <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
        </Form.Item>
        {signInState.error && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={errorText(signInState.error, t)} />}
        <Button type="primary" htmlType="submit" block loading={signInState.fetching}>
          {t('登录', 'Sign in')}
        </Button>
      </Form>
      <Button type="link" block style={{ marginTop: 8 }} onClick={() => setRegistering(true)}>
        {t('首次使用？消费者注册', 'First time? Register as a consumer')}
      </Button>
    </Card>
  );
}
