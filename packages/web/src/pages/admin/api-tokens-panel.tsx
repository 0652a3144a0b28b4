import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiTokens, type ApiToken } from '../../hooks/use-api-tokens';
import { useUsers } from '../../hooks/use-users';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { CreateTokenModal } from './create-token-modal';
import { RevokeTokenModal } from './revoke-token-modal';
import { TokenUsage } from './token-usage';

/** API tokens: who owns each, when it was last used, and revocation. */
export function ApiTokensPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const tokens = useApiTokens();
  const users = useUsers();
  const [creating, { open, close }] = useDisclosure(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const emailOf = (userId: string) => users.data?.find((user) => user.id === userId)?.email ?? userId;
  const when = (ms: number | null) => (ms === null ? t('admin.tokens.never') : formatDateTime(ms, language, timeZone));

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          {t('admin.tokens.intro')}
        </Text>
        <Button onClick={open}>{t('admin.tokens.create')}</Button>
      </Group>
      <TokenUsage />
      <CreateTokenModal opened={creating} onClose={close} />
      <RevokeTokenModal token={revoking} onClose={() => setRevoking(null)} />
      {tokens.isPending && <PageLoader />}
      {tokens.isError && <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('admin.tokens.empty')}
        </Text>
      )}
      {tokens.data && tokens.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" captionSide="top" data-testid="tokens-table">
            <Table.Caption>{t('admin.tokens.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.tokens.name')}</Table.Th>
                <Table.Th>{t('admin.tokens.owner')}</Table.Th>
                <Table.Th>{t('admin.tokens.createdAt')}</Table.Th>
                <Table.Th>{t('admin.tokens.lastUsed')}</Table.Th>
                <Table.Th>{t('admin.tokens.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {token.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>{emailOf(token.userId)}</Table.Td>
                  <Table.Td>{when(token.createdAt)}</Table.Td>
                  <Table.Td>{when(token.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    {token.revokedAt === null ? (
                      <Badge color="green" variant="light">
                        {t('admin.tokens.active')}
                      </Badge>
                    ) : (
                      <Badge color="gray">{t('admin.tokens.revoked')}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {token.revokedAt === null && (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        onClick={() => setRevoking(token)}
                        aria-label={t('admin.tokens.revokeLabel', { name: token.name })}
                      >
                        {t('admin.tokens.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
