import { Alert, Anchor, Badge, Button, Code, CopyButton, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusPageLink } from '@vigie/contract';
import { useCreateStatusPageLink, useRevokeStatusPageLink, useStatusPageLinks } from '../../hooks/use-status-pages';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTimeZone } from '../../lib/use-time-zone';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { CommandModal } from '../incident-room/command-modal';

type Pending = { action: 'create' | 'revoke'; link: StatusPageLink } | null;

/** One secret status page link per client: created (shown once), replaced, revoked. */
export function StatusPagesPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const links = useStatusPageLinks();
  const create = useCreateStatusPageLink();
  const revoke = useRevokeStatusPageLink();
  const [pending, setPending] = useState<Pending>(null);
  const [created, setCreated] = useState<{ clientName: string; url: string; badgeUrl: string } | null>(null);

  const ask = (action: 'create' | 'revoke', link: StatusPageLink) => {
    create.reset();
    revoke.reset();
    // A first link replaces nothing: no need to ask.
    if (action === 'create' && !link.active) return run(action, link);
    setPending({ action, link });
  };
  const run = (action: 'create' | 'revoke', link: StatusPageLink) => {
    if (action === 'create') {
      create.mutate(link.clientId, {
        onSuccess: ({ path, token }) => {
          setPending(null);
          const origin = window.location.origin;
          setCreated({
            clientName: link.clientName,
            url: `${origin}${path}`,
            badgeUrl: `${origin}/api/v1/status/${encodeURIComponent(token)}/badge.svg`,
          });
        },
      });
    } else {
      revoke.mutate(link.clientId, {
        onSuccess: () => {
          setPending(null);
          notify(t('admin.statusPages.revoked', { client: link.clientName }), 'success');
        },
      });
    }
  };

  if (links.isPending) return <PageLoader />;
  if (links.isError) return <QueryError error={links.error} onRetry={() => void links.refetch()} />;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" maw={720}>
        {t('admin.statusPages.intro')}
      </Text>
      {create.isError && !pending && <QueryError error={create.error} />}
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="xs" captionSide="top" data-testid="status-pages-table">
          <Table.Caption>{t('admin.statusPages.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.statusPages.client')}</Table.Th>
              <Table.Th>{t('admin.statusPages.state')}</Table.Th>
              <Table.Th>{t('admin.statusPages.createdAt')}</Table.Th>
              <Table.Th>{t('admin.statusPages.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.data.map((link) => (
              <Table.Tr key={link.clientId} data-client={link.clientId}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {link.clientName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={link.active ? 'green' : link.revokedAt !== null ? 'red' : 'gray'}
                    miw="max-content"
                  >
                    {t(
                      link.active
                        ? 'admin.statusPages.active'
                        : link.revokedAt !== null
                          ? 'admin.statusPages.revokedState'
                          : 'admin.statusPages.none',
                    )}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {link.createdAt !== null
                    ? t('admin.statusPages.createdBy', {
                        time: formatDateTime(link.createdAt, language, timeZone),
                        who: link.createdBy ?? '',
                      })
                    : t('common.none')}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button
                      size="compact-sm"
                      variant="light"
                      loading={create.isPending && create.variables === link.clientId}
                      aria-label={t(link.active ? 'admin.statusPages.replaceLabel' : 'admin.statusPages.createLabel', {
                        client: link.clientName,
                      })}
                      onClick={() => ask('create', link)}
                    >
                      {t(link.active ? 'admin.statusPages.replace' : 'admin.statusPages.create')}
                    </Button>
                    {link.active && (
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        aria-label={t('admin.statusPages.revokeLabel', { client: link.clientName })}
                        onClick={() => ask('revoke', link)}
                      >
                        {t('admin.statusPages.revoke')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <CommandModal
        opened={pending !== null}
        title={t(pending?.action === 'revoke' ? 'admin.statusPages.revokeTitle' : 'admin.statusPages.replaceTitle', {
          client: pending?.link.clientName ?? '',
        })}
        text={t(pending?.action === 'revoke' ? 'admin.statusPages.revokeText' : 'admin.statusPages.replaceText')}
        submitLabel={t(pending?.action === 'revoke' ? 'admin.statusPages.revoke' : 'admin.statusPages.replace')}
        danger
        pending={create.isPending || revoke.isPending}
        error={create.error ?? revoke.error}
        onClose={() => setPending(null)}
        onSubmit={() => pending && run(pending.action, pending.link)}
      />

      <Modal
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={t('admin.statusPages.createdTitle', { client: created?.clientName ?? '' })}
        size="lg"
        closeOnClickOutside={false}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {created && (
          <Stack gap="sm">
            <Alert color="yellow" role="status">
              {t('admin.statusPages.shownOnce')}
            </Alert>
            <Code block data-testid="status-page-url">
              {created.url}
            </Code>
            <Group gap="xs">
              <CopyButton value={created.url}>
                {({ copied, copy }) => (
                  <Button variant="light" color={copied ? 'teal' : 'blue'} onClick={copy}>
                    {copied ? t('admin.tokens.copied') : t('admin.statusPages.copy')}
                  </Button>
                )}
              </CopyButton>
              <Anchor href={created.url} target="_blank" rel="noreferrer" size="sm">
                {t('admin.statusPages.openPage')}
              </Anchor>
            </Group>
            <StatusBadgeSnippet clientName={created.clientName} badgeUrl={created.badgeUrl} />
            <Group justify="flex-end">
              <Button onClick={() => setCreated(null)}>{t('admin.tokens.done')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** The badge of the same link, for an intranet page or a wiki: how it looks, and the HTML to paste. */
function StatusBadgeSnippet({ clientName, badgeUrl }: { clientName: string; badgeUrl: string }) {
  const { t } = useTranslation();
  const alt = t('admin.statusPages.badgeAlt', { client: clientName });
  const html = `<img src="${badgeUrl}" alt="${alt.replace(/"/g, '&quot;')}">`;
  return (
    <Stack gap={6} pt="sm">
      <Text fw={600} size="sm">
        {t('admin.statusPages.badgeTitle')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('admin.statusPages.badgeHint')}
      </Text>
      <Group gap="sm">
        <img src={badgeUrl} alt={alt} data-testid="status-badge-preview" />
      </Group>
      <Code block data-testid="status-badge-html" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {html}
      </Code>
      <CopyButton value={html}>
        {({ copied, copy }) => (
          <Button variant="light" w="fit-content" color={copied ? 'teal' : 'blue'} onClick={copy}>
            {copied ? t('admin.tokens.copied') : t('admin.statusPages.copyBadge')}
          </Button>
        )}
      </CopyButton>
    </Stack>
  );
}
