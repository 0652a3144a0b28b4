import { Button, Group, SegmentedControl, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isEtaDuration } from '../../features/incidents/open-incident-modal';
import { useIncidentCommand, type IncidentCommand, type IncidentSummary } from '../../hooks/use-incidents';
import { fromZonedInputValue, toZonedInputValue } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTimeZone } from '../../lib/use-time-zone';
import { CommandModal } from './command-modal';

type Dialog = 'eta' | 'cause' | 'note' | 'resolve' | 'close' | 'reopen';
type NoteChoice = 'note' | 'action' | 'public';

/** The buttons of an incident's course, each shown only where the incident's status allows it. */
export function IncidentActions({ incident }: { incident: IncidentSummary }) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const command = useIncidentCommand(incident.id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [text, setText] = useState('');
  const [second, setSecond] = useState('');
  const [noteChoice, setNoteChoice] = useState<NoteChoice>('note');
  const [etaMode, setEtaMode] = useState<'in' | 'at'>('in');
  const [invalid, setInvalid] = useState<string | null>(null);

  const active = ['open', 'acknowledged', 'mitigating'].includes(incident.status);
  const show = (next: Dialog) => {
    command.reset();
    setInvalid(null);
    setNoteChoice('note');
    setEtaMode('in');
    setText('');
    if (next === 'eta') setSecond(toZonedInputValue(incident.etaAt ?? Date.now() + 3_600_000, timeZone));
    else setSecond(next === 'resolve' || next === 'cause' ? (incident.cause ?? '') : '');
    setDialog(next);
  };
  const hide = () => setDialog(null);
  const send = (request: IncidentCommand, done: string) =>
    command.mutate(request, {
      onSuccess: () => {
        notify(done, 'success');
        hide();
      },
    });

  const submitEta = () => {
    if (etaMode === 'in') {
      if (!isEtaDuration(text)) return setInvalid(t('incidents.etaInvalid'));
      return send({ kind: 'eta', etaIn: text.trim() }, t('room.done.eta'));
    }
    const at = fromZonedInputValue(second, timeZone);
    if (at === null) return setInvalid(t('room.dateInvalid'));
    return send({ kind: 'eta', etaAt: at }, t('room.done.eta'));
  };
  const required = (value: string, then: () => void) => (value.trim() ? then() : setInvalid(t('signIn.required')));

  return (
    <Group gap="xs" data-testid="incident-actions">
      {incident.status === 'open' && (
        <Button
          onClick={() => send({ kind: 'acknowledge' }, t('room.done.acknowledge'))}
          loading={command.isPending && command.variables?.kind === 'acknowledge'}
        >
          {t('room.actions.acknowledge')}
        </Button>
      )}
      {(incident.status === 'open' || incident.status === 'acknowledged') && (
        <Button
          variant="light"
          onClick={() => send({ kind: 'mitigate' }, t('room.done.mitigate'))}
          loading={command.isPending && command.variables?.kind === 'mitigate'}
        >
          {t('room.actions.mitigate')}
        </Button>
      )}
      {active && (
        <Button variant="default" onClick={() => show('eta')}>
          {t('room.actions.eta')}
        </Button>
      )}
      {incident.status !== 'closed' && (
        <Button variant="default" onClick={() => show('cause')}>
          {t('room.actions.cause')}
        </Button>
      )}
      <Button variant="default" onClick={() => show('note')}>
        {t('room.actions.note')}
      </Button>
      {active && (
        <Button color="green" onClick={() => show('resolve')}>
          {t('room.actions.resolve')}
        </Button>
      )}
      {incident.status === 'resolved' && (
        <Button color="gray" onClick={() => show('close')}>
          {t('room.actions.close')}
        </Button>
      )}
      {(incident.status === 'resolved' || incident.status === 'closed') && (
        <Button variant="outline" color="red" onClick={() => show('reopen')}>
          {t('room.actions.reopen')}
        </Button>
      )}

      <CommandModal
        opened={dialog === 'eta'}
        title={t('room.eta.title')}
        text={t('room.eta.text')}
        submitLabel={t('room.eta.submit')}
        pending={command.isPending}
        error={command.error}
        onClose={hide}
        onSubmit={submitEta}
      >
        <SegmentedControl
          aria-label={t('room.eta.mode')}
          value={etaMode}
          onChange={(value) => setEtaMode(value)}
          data={[
            { value: 'in', label: t('room.eta.in') },
            { value: 'at', label: t('room.eta.at') },
          ]}
        />
        {etaMode === 'in' ? (
          <TextInput
            label={t('room.eta.duration')}
            description={t('incidents.etaHint')}
            placeholder="2h"
            data-autofocus
            value={text}
            error={invalid}
            onChange={(event) => setText(event.currentTarget.value)}
          />
        ) : (
          <TextInput
            type="datetime-local"
            label={t('room.eta.time', { zone: timeZone })}
            value={second}
            error={invalid}
            onChange={(event) => setSecond(event.currentTarget.value)}
          />
        )}
      </CommandModal>

      <CommandModal
        opened={dialog === 'cause'}
        title={t('room.cause.title')}
        text={t('room.cause.text')}
        submitLabel={t('room.cause.submit')}
        pending={command.isPending}
        error={command.error}
        onClose={hide}
        onSubmit={() => required(second, () => send({ kind: 'cause', cause: second.trim() }, t('room.done.cause')))}
      >
        <Textarea
          label={t('room.cause.label')}
          autosize
          minRows={3}
          data-autofocus
          value={second}
          error={invalid}
          onChange={(event) => setSecond(event.currentTarget.value)}
        />
      </CommandModal>

      <CommandModal
        opened={dialog === 'note'}
        title={t('room.note.title')}
        text={t(`room.note.hint.${noteChoice}`)}
        submitLabel={t('room.note.submit')}
        pending={command.isPending}
        error={command.error}
        onClose={hide}
        onSubmit={() =>
          required(text, () =>
            send(
              {
                kind: 'note',
                text: text.trim(),
                noteKind: noteChoice === 'action' ? 'action' : 'note',
                public: noteChoice === 'public',
              },
              t('room.done.note'),
            ),
          )
        }
      >
        <SegmentedControl
          aria-label={t('room.note.kind')}
          value={noteChoice}
          onChange={(value) => setNoteChoice(value)}
          data={(['note', 'action', 'public'] as const).map((value) => ({
            value,
            label: t(`room.note.kinds.${value}`),
          }))}
        />
        <Textarea
          label={t('room.note.label')}
          autosize
          minRows={3}
          data-autofocus
          value={text}
          error={invalid}
          onChange={(event) => setText(event.currentTarget.value)}
        />
      </CommandModal>

      <CommandModal
        opened={dialog === 'resolve'}
        title={t('room.resolve.title', { number: incident.number })}
        text={t('room.resolve.text')}
        submitLabel={t('room.resolve.submit')}
        danger
        pending={command.isPending}
        error={command.error}
        onClose={hide}
        onSubmit={() =>
          send(
            { kind: 'resolve', summary: text.trim() || undefined, cause: second.trim() || undefined },
            t('room.done.resolve'),
          )
        }
      >
        <Textarea
          label={t('room.resolve.summary')}
          description={t('room.resolve.summaryHint')}
          autosize
          minRows={3}
          data-autofocus
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <Textarea
          label={t('room.cause.label')}
          autosize
          minRows={2}
          value={second}
          onChange={(event) => setSecond(event.currentTarget.value)}
        />
      </CommandModal>

      <CommandModal
        opened={dialog === 'close'}
        title={t('room.close.title', { number: incident.number })}
        text={t('room.close.text')}
        submitLabel={t('room.close.submit')}
        danger
        pending={command.isPending}
        error={command.error}
        onClose={hide}
        onSubmit={() => send({ kind: 'close' }, t('room.done.close'))}
      />

      <CommandModal
        opened={dialog === 'reopen'}
        title={t('room.reopen.title', { number: incident.number })}
        text={t('room.reopen.text')}
        submitLabel={t('room.reopen.submit')}
        danger
        pending={command.isPending}
        error={command.error}
        onClose={hide}
        onSubmit={() => send({ kind: 'reopen', reason: text.trim() || undefined }, t('room.done.reopen'))}
      >
        <Textarea
          label={t('room.reopen.reason')}
          autosize
          minRows={2}
          data-autofocus
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
      </CommandModal>
    </Group>
  );
}
